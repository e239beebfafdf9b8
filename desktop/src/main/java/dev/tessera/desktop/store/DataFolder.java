package dev.tessera.desktop.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where Tessera keeps what it writes: {@code $XDG_DATA_HOME/tessera}, else {@code ~/.local/share/tessera};
 * the system property {@code tessera.data} overrides both (tests point it at a temporary folder).
 * <pre>
 *   settings.json
 *   conversations/ID.json       one file per conversation, rewritten atomically after every change
 *   conversations/ID/           images that exist only for it (pasted from the clipboard, rendered PDF pages)
 *   models/demo-tiny-random/    the demo model, when made
 * </pre>
 */
public record DataFolder(Path root) {
    public static final String PROPERTY = "tessera.data";

    public static DataFolder resolve() {
        return resolve(System.getProperty(PROPERTY), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static DataFolder resolve(String override, Map<String, String> env, Path home) {
        if (override != null && !override.isBlank()) return new DataFolder(Path.of(override));
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return new DataFolder(Path.of(xdg, "tessera"));
        return new DataFolder(home.resolve(".local/share/tessera"));
    }

    public Path settingsFile() {
        return root.resolve("settings.json");
    }

    public Path conversations() {
        return ensure(root.resolve("conversations"));
    }

    /** The folder beside a conversation's JSON for its own images. */
    public Path conversationFiles(String id) {
        return ensure(conversations().resolve(id));
    }

    public Path models() {
        return ensure(root.resolve("models"));
    }

    private static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
