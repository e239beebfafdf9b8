package dev.tessera.desktop.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The demo model: the project's tiny random-weight checkpoint (the TINY preset, the shapes of the
 * conformance fixture) written into the data folder, so the whole app can be tried in a minute on any machine.
 * Its weights are random, so its answers are nonsense; a marker file says so and the window shows it everywhere.
 */
public final class DemoModel {
    public static final String NAME = "Demo model (tiny, random weights)";
    public static final String FOLDER = "demo-tiny-random";
    public static final String MARKER = "TESSERA-DEMO-RANDOM-WEIGHTS.txt";

    private DemoModel() {}

    public static boolean isDemo(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER));
    }

    /** Where the demo model lives under the data folder's models directory. */
    public static Path folderIn(Path modelsDir) {
        return modelsDir.resolve(FOLDER);
    }

    /**
     * Writes the demo model into {@code dir} (replacing an unfinished one), reporting progress 0..1.
     * The tokenizer files are copied from the first folder of {@link #tokenizerSources} that has them.
     */
    public static Path write(Path dir, List<Path> tokenizerSearch, DoubleConsumer progress) {
        Path tokenizer = tokenizerSource(tokenizerSearch);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(MARKER));
            VlmChatEngine.writeTinyRandom(dir, tokenizer, 20241125, progress);
            Files.writeString(dir.resolve(MARKER), """
                    This folder holds Tessera's demo model: the Llama 3.2 Vision architecture at a tiny size with
                    RANDOM weights. It runs the whole app end to end, but everything it says is nonsense.
                    For real answers, download meta-llama/Llama-3.2-11B-Vision-Instruct (see the app's Models view).
                    """);
            progress.accept(1);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo model into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Folders that may hold the Llama 3.2 tokenizer files, best first. */
    public static List<Path> tokenizerSources(Path... extra) {
        List<Path> out = new ArrayList<>(List.of(extra));
        Path checkout = VlmChatEngine.checkoutTokenizer(); // null when not beside a checkout
        if (checkout != null) out.add(checkout);
        try {
            Path code = Path.of(DemoModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = code; d != null; d = d.getParent()) {
                out.add(d.resolve("demo-tokenizer")); // an app image made by scripts/package-app.sh
                out.add(d.resolve("shared/fixtures/tiny-mllama"));
            }
        } catch (Exception ignored) {
            // no code source (unusual class loader)
        }
        return out;
    }

    static Path tokenizerSource(List<Path> candidates) {
        for (Path p : candidates) {
            if (p != null && Files.isRegularFile(p.resolve("tokenizer.json")) && Files.isRegularFile(p.resolve("tokenizer_config.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("the demo model needs the Llama 3.2 tokenizer files (tokenizer.json, tokenizer_config.json) "
                + "and none were found; choose any Llama 3.2 Vision model folder that has them");
    }
}
