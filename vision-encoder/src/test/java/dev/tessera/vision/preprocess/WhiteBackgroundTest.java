package dev.tessera.vision.preprocess;

import dev.tessera.vision.image.DecodedImage;
import dev.tessera.vision.image.SourceMode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Rule 1: Pillow's integer alpha compositing over opaque white. */
class WhiteBackgroundTest {
    @Test
    void opaqueKeepsItsValueAndTransparentBecomesWhite() {
        for (int v = 0; v < 256; v++) {
            assertEquals(v, WhiteBackground.composite(v, 255), "opaque " + v);
            assertEquals(255, WhiteBackground.composite(v, 0), "transparent " + v);
        }
    }

    @Test
    void halfTransparentFollowsPillowsIntegerFormula() {
        assertEquals(127, WhiteBackground.composite(0, 128));
        assertEquals(177, WhiteBackground.composite(100, 128));
        assertEquals(255, WhiteBackground.composite(255, 1));
    }

    @Test
    void onlyImagesWithAlphaAreCopied() {
        byte[] rgb = {10, 20, 30, 40, 50, 60};
        assertSame(rgb, WhiteBackground.rgbOf(DecodedImage.of(2, 1, SourceMode.L, rgb, null)));
        DecodedImage rgba = DecodedImage.of(2, 1, SourceMode.RGBA, rgb, new byte[]{(byte) 255, 0});
        assertArrayEquals(new byte[]{10, 20, 30, (byte) 255, (byte) 255, (byte) 255}, WhiteBackground.rgbOf(rgba));
    }
}
