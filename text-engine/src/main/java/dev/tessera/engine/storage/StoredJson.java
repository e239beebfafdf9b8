package dev.tessera.engine.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.JsonProblem;
import dev.tessera.engine.safetensors.AtomicWrite;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A JSON file the app keeps for the user - settings, a saved conversation - that must never cost them their
 * work or stop the app from starting. Saving is atomic ({@link AtomicWrite}: temporary file, fsync, rename, fsync
 * of the folder), so a crash mid-save leaves the previous version. Loading a file that cannot be read (bad JSON,
 * or content its parser refuses) moves it aside as {@code <name>.corrupt-<time>} - kept, for the user or a bug
 * report - and returns the defaults with a notice for the user, instead of failing.
 */
public final class StoredJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** A loaded value; {@code notice} is null unless the file was unreadable and set aside. */
    public record Loaded<T>(T value, String notice) {}

    private StoredJson() {}

    /**
     * The file's content through {@code parse}, the {@code defaults} when the file does not exist, or - when it
     * is unreadable or {@code parse} throws - the defaults with the file moved aside and a notice saying so.
     */
    public static <T> Loaded<T> load(Path file, Function<JsonNode, T> parse, Supplier<T> defaults) {
        String problem;
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node == null || node.isMissingNode()) {
                problem = "empty file";
            } else {
                return new Loaded<>(parse.apply(node), null);
            }
        } catch (NoSuchFileException e) {
            return new Loaded<>(defaults.get(), null);
        } catch (IOException e) {
            problem = JsonProblem.describe(e);
        } catch (RuntimeException e) {
            // whatever the parser throws on content it does not expect: the file is at fault, not the app
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        }
        return new Loaded<>(defaults.get(), file + " could not be read (" + problem + "); " + moveAside(file)
                + ", starting with defaults");
    }

    /** Writes {@code node} to {@code file} atomically (readers see the old file or the new one, never half). */
    public static void save(Path file, JsonNode node) {
        AtomicWrite.json(file, node);
    }

    private static String moveAside(Path file) {
        String stamp = LocalDateTime.now().format(STAMP);
        for (int n = 0; n < 100; n++) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + (n == 0 ? "" : "-" + n));
            try {
                Files.move(file, aside);
                return "it was moved to " + aside.getFileName();
            } catch (FileAlreadyExistsException e) {
                // a second corrupt file within the same second: try the next name
            } catch (IOException e) {
                return "it could not be moved aside (" + e.getMessage() + ") and was left in place";
            }
        }
        return "it was left in place";
    }
}
