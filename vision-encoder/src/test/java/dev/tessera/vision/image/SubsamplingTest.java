package dev.tessera.vision.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Huge images are read subsampled so they fit in a modest heap. */
class SubsamplingTest {
    @TempDir
    Path dir;

    @Test
    void theRule() {
        long mp = ImageDecoder.MAX_DECODED_PIXELS;
        int side = ImageDecoder.MAX_DECODED_SIDE;
        assertEquals(1, ImageDecoder.subsamplingFor(4000, 3000, mp, side));
        assertEquals(1, ImageDecoder.subsamplingFor(8160, 6120, mp, side));   // 50 MP phone photo: full size
        assertEquals(2, ImageDecoder.subsamplingFor(16320, 12240, mp, side)); // 200 MP phone photo
        assertEquals(3, ImageDecoder.subsamplingFor(20000, 20000, mp, side)); // 6667 x 6667
        assertEquals(7, ImageDecoder.subsamplingFor(100000, 10, mp, side));   // side bound: 14286 <= 16384
        assertEquals(1, ImageDecoder.subsamplingFor(16384, 1, mp, side));
        assertEquals(2, ImageDecoder.subsamplingFor(16385, 1, mp, side));
        assertEquals(4, ImageDecoder.subsamplingFor(60000, 60000, 300_000_000L, 65536));
    }

    @Test
    void subsampledReadTakesEveryNthPixel() throws IOException {
        BufferedImage source = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) for (int x = 0; x < 300; x++) source.setRGB(x, y, x << 16 | y << 8 | (x + y) & 0xFF);
        Path file = TestImages.write(dir.resolve("s.png"), TestImages.encode(source, "png"));
        DecodedImage image = ImageDecoder.decode(file, 10_000, 16384);
        assertEquals(3, image.subsampling());
        assertEquals(100, image.width());
        assertEquals(67, image.height());
        assertEquals(source.getRGB(297, 198) & 0xFFFFFF, image.rgbAt(99, 66));
    }

    /**
     * A 20000x20000 palette PNG (400 MB of pixels at full size, 1.6 GB as decoded RGB) decoded and preprocessed in
     * a JVM with a 512 MB heap. The PNG is streamed to disk, a few hundred KB.
     */
    @Test
    void aHugeImageFitsInA512MegabyteHeap() throws Exception {
        Path file = dir.resolve("huge.png");
        int size = 20000;
        byte[] top = new byte[size], bottom = new byte[size];
        Arrays.fill(top, 0, size / 2, (byte) 0);
        Arrays.fill(top, size / 2, size, (byte) 1);
        Arrays.fill(bottom, 0, size / 2, (byte) 2);
        Arrays.fill(bottom, size / 2, size, (byte) 3);
        byte[] palette = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255, (byte) 255};
        TestImages.writePng(file, size, size, 8, 3, y -> y < size / 2 ? top : bottom, "PLTE", palette);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                HugeImageProbe.class.getName(), file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "probe finished");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("decoded 6667x6667 subsampling 3 mode P corners ff0000 00ff00 0000ff ffffff resized 1120x1120"), output);
    }
}
