package dev.tessera.desktop.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Conversations on disk, one JSON file each, written atomically on every change (a crash or a kill loses
 * nothing already shown). Methods are synchronized: the window saves from one background thread, tests may read
 * from another.
 */
public final class ConversationStore {
    private final DataFolder data;

    public ConversationStore(DataFolder data) {
        this.data = data;
    }

    public DataFolder data() {
        return data;
    }

    public synchronized void save(StoredConversation c) {
        try {
            AtomicFiles.write(file(c.id()), Json.MAPPER.writeValueAsBytes(c));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save conversation " + c.id() + ": " + e.getMessage(), e);
        }
    }

    public synchronized Optional<StoredConversation> load(String id) {
        Path f = file(id);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(Json.MAPPER.readValue(f.toFile(), StoredConversation.class));
        } catch (IOException e) {
            throw new UncheckedIOException(f + " is not a readable conversation: " + e.getMessage(), e);
        }
    }

    /** Every conversation, most recently updated first; unreadable files are skipped. */
    public synchronized List<ConversationSummary> list() {
        List<ConversationSummary> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(data.conversations(), "*.json")) {
            for (Path f : files) {
                try {
                    StoredConversation c = Json.MAPPER.readValue(f.toFile(), StoredConversation.class);
                    out.add(new ConversationSummary(c.id(), c.title(), c.updatedMs(), c.messages().size()));
                } catch (IOException damaged) {
                    System.err.println("tessera: skipping unreadable conversation " + f + ": " + damaged.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + data.conversations() + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingLong(ConversationSummary::updatedMs).reversed());
        return out;
    }

    public synchronized void rename(String id, String title) {
        load(id).ifPresent(c -> save(new StoredConversation(c.version(), c.id(), title, c.createdMs(),
                System.currentTimeMillis(), c.model(), c.demoModel(), c.messages())));
    }

    /** Removes the conversation's JSON and the images stored beside it (never the user's own files). */
    public synchronized void delete(String id) {
        try {
            Files.deleteIfExists(file(id));
            Path dir = data.conversations().resolve(id);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete conversation " + id + ": " + e.getMessage(), e);
        }
    }

    Path file(String id) {
        if (!id.matches("[A-Za-z0-9_-]+")) throw new IllegalArgumentException("bad conversation id " + id);
        return data.conversations().resolve(id + ".json");
    }
}
