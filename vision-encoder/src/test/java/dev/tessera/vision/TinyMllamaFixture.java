package dev.tessera.vision;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code fixtures/tiny-mllama} in the read-only shared folder (surefire passes {@code tessera.shared}).
 * When it is absent a test is skipped with the reason - or fails when {@code CI} is set, because CI must never
 * pass by skipping its conformance tests.
 *
 * <p>Stand-in until the shared {@code dev.tessera.engine.testing.Fixtures} helper lands in text-engine.
 */
public final class TinyMllamaFixture {
    private TinyMllamaFixture() {
    }

    /** The fixture directory, or the test is skipped (failed under CI). */
    public static Path dir() {
        String property = System.getProperty("tessera.shared");
        Path shared = property != null ? Path.of(property) : Path.of("..", "..", "shared");
        Path dir = shared.resolve("fixtures").resolve("tiny-mllama").toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("golden").resolve("preprocess.json"))) {
            String why = "tiny-mllama fixtures not found at " + dir + " (set -Dtessera.shared=<path to shared>)";
            if (System.getenv("CI") != null) Assertions.fail(why);
            Assumptions.abort(why);
        }
        return dir;
    }
}
