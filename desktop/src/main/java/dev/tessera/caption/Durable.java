package dev.tessera.caption;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Crash-safety helpers that the JDK has no single call for. */
final class Durable {
    private Durable() {}

    /**
     * Forces a folder's entries to disk, so a file just created in it is still there after a power cut. Works
     * on Linux and macOS; where a folder cannot be opened this way (Windows) the file system journals names.
     */
    static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort, see above
        }
    }
}
