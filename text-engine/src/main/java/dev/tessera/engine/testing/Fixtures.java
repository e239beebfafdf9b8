package dev.tessera.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the read-only conformance fixtures ({@code ../shared} beside the checkout) for tests of every module.
 * Lives in main code so that later modules can call it without a test-jar; JUnit is a {@code provided}
 * dependency here, present when tests run and never shipped with the app.
 *
 * <p>Where: the system property {@code tessera.shared} (surefire sets it to {@code <root>/../shared}); else
 * {@code ../shared} from the working folder and each folder above it. If the fixtures are absent a test is
 * skipped on a developer machine, but fails when the environment variable {@code CI} is set, so a CI run can
 * never pass by skipping everything.
 */
public final class Fixtures {
    private Fixtures() {}

    /** The shared folder (holding {@code fixtures/} and {@code docs/}); skips or fails the test if absent. */
    public static Path shared() {
        Path found = locate();
        if (found != null) return found;
        String why = "conformance fixtures not found: set -Dtessera.shared=/path/to/shared or put shared/ beside "
                + "the checkout (looked at tessera.shared=" + System.getProperty("tessera.shared")
                + " and ../shared above " + Path.of("").toAbsolutePath() + ")";
        if (System.getenv("CI") != null) Assertions.fail(why + "; CI is set, so this is a failure, not a skip");
        Assumptions.assumeTrue(false, why);
        throw new AssertionError("unreachable");
    }

    /** A path under {@code shared/fixtures}, e.g. {@code fixture("guard/cases.jsonl")}; must exist. */
    public static Path fixture(String relative) {
        Path p = shared().resolve("fixtures").resolve(relative);
        if (!Files.exists(p)) {
            String why = "fixture missing: " + p;
            if (System.getenv("CI") != null) Assertions.fail(why);
            Assumptions.assumeTrue(false, why);
        }
        return p;
    }

    /** The tiny random Llama 3.2 Vision checkpoint with the real tokenizer and chat template. */
    public static Path tinyMllama() {
        return fixture("tiny-mllama");
    }

    /** Golden generation cases of tiny-mllama ({@code golden/<case>.json} and images). */
    public static Path tinyMllamaGolden() {
        return fixture("tiny-mllama/golden");
    }

    /** tiny-mllama dressed as Llama Guard 3 (the Guard chat template). */
    public static Path tinyGuard() {
        return fixture("tiny-guard");
    }

    /** Llama Guard 3 prompt goldens ({@code cases.jsonl}). */
    public static Path guard() {
        return fixture("guard");
    }

    /** Tokenizer conformance cases ({@code llama3-bpe-cases.jsonl}). */
    public static Path tokenizerCases() {
        return fixture("tokenizer/llama3-bpe-cases.jsonl");
    }

    private static Path locate() {
        String property = System.getProperty("tessera.shared");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property).toAbsolutePath().normalize();
            if (Files.isDirectory(p.resolve("fixtures"))) return p;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir.getParent() != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("fixtures"))) return candidate.normalize();
        }
        return null;
    }
}
