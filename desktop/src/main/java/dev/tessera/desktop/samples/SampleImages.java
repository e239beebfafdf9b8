package dev.tessera.desktop.samples;

import dev.tessera.desktop.store.DataFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The "Try a sample" pictures and the question each comes with. They are the project's {@code sample-images/}
 * when the app runs from a checkout (or {@code -Dtessera.samples=DIR}); elsewhere they are drawn once into the
 * data folder.
 */
public final class SampleImages {
    /** A sample picture and a question that suits it. */
    public record Sample(String file, String title, String question) {}

    public static final List<Sample> SAMPLES = List.of(
            new Sample("bar-chart.png", "Bar chart: rainfall", "Which month had the most rain, and how much?"),
            new Sample("line-chart.png", "Line chart: solar output", "Summarise this chart: when does output peak, and at what value?"),
            new Sample("document-table.png", "Report page with a table", "Extract the table as CSV inside a ```csv code block."),
            new Sample("receipt.png", "Shop receipt", "What was bought, and what is the total?"),
            new Sample("lake-scene.png", "Photo-like scene", "Describe this picture in two sentences."));

    private final Path dir;

    private SampleImages(Path dir) {
        this.dir = dir;
    }

    public static SampleImages locate(DataFolder data) {
        String prop = System.getProperty("tessera.samples");
        if (prop != null) return new SampleImages(Path.of(prop));
        try {
            Path code = Path.of(SampleImages.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = code; d != null; d = d.getParent()) {
                if (Files.isRegularFile(d.resolve("sample-images/bar-chart.png"))) return new SampleImages(d.resolve("sample-images"));
            }
        } catch (Exception ignored) {
            // no code source: fall through to the data folder
        }
        return new SampleImages(data.root().resolve("sample-images"));
    }

    /** The sample's file, drawing all samples first if this folder has none. Background thread. */
    public Path file(Sample s) {
        Path f = dir.resolve(s.file());
        if (!Files.isRegularFile(f)) SampleImageGenerator.writeAll(dir);
        return f;
    }

    public Path dir() {
        return dir;
    }
}
