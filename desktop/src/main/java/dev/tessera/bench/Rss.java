package dev.tessera.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process (Linux /proc; 0 elsewhere). */
final class Rss {
    private Rss() {}

    static long bytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }
}
