package dev.tessera.desktop.store;

import dev.tessera.desktop.engine.CaptionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code caption-batch.json}: the folder-captioning batch in progress, written when it starts and removed when it
 * runs to its end. A file still there at the next start means the batch was cancelled or the app was closed (or
 * crashed) mid-batch, and the window offers to resume it.
 */
public final class PendingBatchStore {
    private final Path file;

    public PendingBatchStore(DataFolder data) {
        this.file = data.root().resolve("caption-batch.json");
    }

    public synchronized void save(CaptionRequest r) {
        try {
            AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(r));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot save the batch: " + e.getMessage(), e);
        }
    }

    public synchronized Optional<CaptionRequest> load() {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), CaptionRequest.class));
        } catch (IOException e) {
            System.err.println("tessera: " + file + " is unreadable, not offering to resume it: " + e.getMessage());
            return Optional.empty();
        }
    }

    public synchronized void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("tessera: cannot remove " + file + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }
}
