package dev.tessera.vision.preprocess;

import dev.tessera.engine.BadInputException;
import dev.tessera.vision.image.DecodedImage;
import dev.tessera.vision.image.SourceMode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layout of the processor's outputs on synthetic images (the golden test covers the exact values). */
class MllamaImageProcessorTest {
    static final double[] CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};
    static final double[] CLIP_STD = {0.26862954, 0.26130258, 0.27577711};
    static final PreprocessorConfig TINY = new PreprocessorConfig(56, 4, CLIP_MEAN, CLIP_STD, 1 / 255.0);
    static final PreprocessorConfig REAL = new PreprocessorConfig(560, 4, CLIP_MEAN, CLIP_STD, 1 / 255.0);

    private static float normalised(int value, int channel) {
        return ((float) (value * (1 / 255.0)) - (float) CLIP_MEAN[channel]) / (float) CLIP_STD[channel];
    }

    private static DecodedImage solid(int width, int height, int r, int g, int b) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return DecodedImage.of(width, height, SourceMode.RGB, rgb, null);
    }

    /** pixel_values[tile][channel][y][x] */
    private static float at(ProcessedImage p, int tile, int channel, int y, int x) {
        int s = p.tileSize();
        return p.pixelValues()[((tile * 3 + channel) * s + y) * s + x];
    }

    @Test
    void paddingIsMinusMeanOverStdAndUnusedTilesAreZero() {
        ProcessedImage p = new MllamaImageProcessor(TINY).process(solid(56, 28, 200, 100, 50));
        assertEquals(1, p.numTiles());
        assertEquals(28, p.resizedHeight()); // between tile and canvas size: not resized
        assertArrayEquals(new int[]{1, 0, 0, 0}, p.aspectRatioMask());
        assertArrayEquals(new int[]{4, 3, 56, 56}, p.pixelValuesShape());
        int[] value = {200, 100, 50};
        for (int c = 0; c < 3; c++) {
            assertEquals(normalised(value[c], c), at(p, 0, c, 27, 55));
            assertEquals(normalised(0, c), at(p, 0, c, 28, 0), "padding");
        }
        assertEquals(-1.7922625f, at(p, 0, 0, 55, 55), 1e-6);
        for (int i = 56 * 56 * 3; i < p.pixelValues().length; i++) assertEquals(0.0f, p.pixelValues()[i]);
    }

    @Test
    void transparentPixelsBecomeWhite() {
        byte[] rgb = new byte[56 * 56 * 3];
        byte[] alpha = new byte[56 * 56];
        Arrays.fill(alpha, (byte) 255);
        alpha[4 * 56 + 3] = 0;
        ProcessedImage p = new MllamaImageProcessor(TINY).process(DecodedImage.of(56, 56, SourceMode.PA, rgb, alpha));
        for (int c = 0; c < 3; c++) {
            assertEquals(normalised(255, c), at(p, 0, c, 4, 3));
            assertEquals(normalised(0, c), at(p, 0, c, 4, 4));
        }
    }

    @Test
    void onePixelIsUpscaledToATile() {
        ProcessedImage p = new MllamaImageProcessor(TINY).process(solid(1, 1, 9, 99, 199));
        assertEquals(1, p.aspectRatioId());
        assertEquals(56, p.resizedWidth());
        assertEquals(56, p.resizedHeight());
        assertEquals(normalised(99, 1), at(p, 0, 1, 55, 55));
    }

    @Test
    void extremeStripIsProcessed() {
        ProcessedImage p = new MllamaImageProcessor(TINY).process(solid(8000, 20, 1, 2, 3));
        assertEquals(4, p.numTiles());
        assertEquals(4, p.aspectRatioId());
        assertEquals(224, p.resizedWidth());
        assertEquals(1, p.resizedHeight());
        assertEquals(normalised(3, 2), at(p, 3, 2, 0, 55));
        assertEquals(normalised(0, 2), at(p, 3, 2, 1, 55));
    }

    @Test
    void maxTilesOption() {
        MllamaImageProcessor processor = new MllamaImageProcessor(TINY);
        DecodedImage photo = solid(400, 300, 0, 0, 0);
        ProcessedImage one = processor.process(photo, 1);
        assertEquals(1, one.numTiles());
        assertArrayEquals(new int[]{1, 0, 0, 0}, one.aspectRatioMask());
        assertEquals(4 * 3 * 56 * 56, one.pixelValues().length); // still the checkpoint's 4 tiles
        assertEquals(6, processor.process(photo).aspectRatioId());
        for (int bad : new int[]{0, 5}) {
            BadInputException e = assertThrows(BadInputException.class, () -> processor.process(photo, bad));
            assertTrue(e.getMessage().contains("between 1 and 4"), e.getMessage());
        }
    }

    /** A 4000x3000 photo with the real 560-pixel tiles: resize to 1120x840 and 4 tiles. */
    @Test
    void aTwelveMegapixelPhotoIsQuick() {
        byte[] rgb = new byte[4000 * 3000 * 3];
        new Random(3).nextBytes(rgb);
        DecodedImage photo = DecodedImage.of(4000, 3000, SourceMode.RGB, rgb, null);
        MllamaImageProcessor processor = new MllamaImageProcessor(REAL);
        long best = Long.MAX_VALUE;
        ProcessedImage p = null;
        for (int run = 0; run < 4; run++) {
            long start = System.nanoTime();
            p = processor.process(photo);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("preprocess 4000x3000 -> %dx%d, 4 tiles of 560: best of 4 runs %.1f ms%n",
                p.resizedWidth(), p.resizedHeight(), best / 1e6);
        assertEquals(1120, p.resizedWidth());
        assertEquals(840, p.resizedHeight());
        assertTrue(best < 2_000_000_000L, "took " + best / 1_000_000 + " ms");
    }
}
