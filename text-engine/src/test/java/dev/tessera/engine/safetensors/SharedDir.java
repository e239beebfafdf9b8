package dev.tessera.engine.safetensors;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The read-only {@code shared/} folder beside the checkout: from the system property {@code tessera.shared}
 * (set by the build), else the first {@code shared/} found walking up from the working directory.
 * Missing: a failure on CI (env {@code CI} set), a skipped test elsewhere.
 */
public final class SharedDir {
    private SharedDir() {}

    public static Path tinyMllama() {
        return find("fixtures/tiny-mllama");
    }

    public static Path find(String sub) {
        String prop = System.getProperty("tessera.shared");
        if (prop != null && Files.isDirectory(Path.of(prop).resolve(sub))) return Path.of(prop).resolve(sub);
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("shared").resolve(sub))) return d.resolve("shared").resolve(sub);
        }
        String why = "shared/" + sub + " not found (property tessera.shared=" + prop + ", nor above "
                + Path.of("").toAbsolutePath() + ")";
        if (System.getenv("CI") != null) throw new AssertionError(why);
        Assumptions.assumeTrue(false, why);
        return null;
    }
}
