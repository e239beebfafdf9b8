package dev.tessera.desktop.samples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Makes {@code sample-images/}: every picture is drawn here with Java2D, so the project owns them outright and can
 * draw them again ({@code scripts/make-sample-images.sh}). Deterministic apart from font rendering.
 */
public final class SampleImageGenerator {
    static final Map<String, Supplier<BufferedImage>> PAINTERS = new LinkedHashMap<>();

    static {
        PAINTERS.put("bar-chart.png", ChartPainter::barChart);
        PAINTERS.put("line-chart.png", ChartPainter::lineChart);
        PAINTERS.put("document-table.png", DocumentPainter::reportPage);
        PAINTERS.put("receipt.png", DocumentPainter::receipt);
        PAINTERS.put("lake-scene.png", ScenePainter::lakeAtSunset);
    }

    private SampleImageGenerator() {}

    /** Writes every sample into {@code dir}. */
    public static void writeAll(Path dir) {
        try {
            Files.createDirectories(dir);
            for (var e : PAINTERS.entrySet()) {
                Path tmp = Files.createTempFile(dir, ".sample", ".png");
                ImageIO.write(e.getValue().get(), "png", tmp.toFile());
                Files.move(tmp, dir.resolve(e.getKey()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample images into " + dir + ": " + e.getMessage(), e);
        }
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-images");
        System.setProperty("java.awt.headless", "true");
        writeAll(dir);
        System.out.println("wrote " + PAINTERS.size() + " sample images into " + dir.toAbsolutePath());
    }
}
