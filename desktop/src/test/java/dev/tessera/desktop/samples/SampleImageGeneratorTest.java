package dev.tessera.desktop.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.support.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleImageGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void drawsEverySampleTheMenuOffers() throws Exception {
        SampleImageGenerator.writeAll(dir);
        for (SampleImages.Sample s : SampleImages.SAMPLES) {
            var img = ImageIO.read(dir.resolve(s.file()).toFile());
            assertTrue(img.getWidth() >= 400 && img.getHeight() >= 500, s.file());
            assertTrue(Files.isRegularFile(TestApp.sample(s.file())), "committed in sample-images/: " + s.file());
        }
        assertEquals(SampleImages.SAMPLES.size(), SampleImageGenerator.PAINTERS.size());
    }
}
