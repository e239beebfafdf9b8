package dev.tessera.engine.fuzz;

import dev.tessera.engine.TesseraException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The contract every fuzz target checks: a parser of outside input either returns a result or throws the
 * project's own {@link TesseraException} with a message whose first line says something - never another
 * exception type (an {@code IndexOutOfBoundsException} or {@code NullPointerException} is a crash the user
 * would see), never an {@code OutOfMemoryError}. Anything else propagates, so Jazzer records the input as a
 * finding. Hangs are caught by libFuzzer's per-input {@code -timeout} (see the {@code fuzz} execution in the
 * parent pom), not here: a JUnit {@code @Timeout} would also cut the whole fuzzing run short.
 */
public final class FuzzContract {
    private static Path scratch;

    private FuzzContract() {}

    /** The parser's result, or null when it refused the input properly. */
    public static <T> T parse(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (TesseraException e) {
            String m = e.getMessage();
            // The CLI prints the first line only: it must name the problem.
            if (m == null || m.lines().findFirst().orElse("").isBlank()) {
                throw new AssertionError("refusal without a message: " + e.getClass().getName(), e);
            }
            return null;
        }
    }

    /** As {@link #parse}, for parsers run for their checks only; true when the input was accepted. */
    public static boolean accepts(Runnable parser) {
        return parse(() -> {
            parser.run();
            return Boolean.TRUE;
        }) != null;
    }

    /**
     * A folder for the files a target writes, one per JVM and reused by every execution (creating a folder
     * per input would cost more than parsing it). Removed when the JVM exits.
     */
    public static synchronized Path scratch() {
        if (scratch == null) {
            try {
                scratch = Files.createTempDirectory("tessera-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = scratch;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        }
        return scratch;
    }

    /** Writes {@code bytes} as {@code name} in the scratch folder (or a sub-folder of it). */
    public static Path write(String name, byte[] bytes) {
        try {
            Path p = scratch().resolve(name);
            Files.createDirectories(p.getParent());
            return Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }
}
