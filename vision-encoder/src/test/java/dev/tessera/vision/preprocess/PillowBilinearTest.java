package dev.tessera.vision.preprocess;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Pillow's fixed-point bilinear; the golden pixel values test it bit for bit, these pin down the pieces. */
class PillowBilinearTest {
    @Test
    void halvingWidensTheTriangle() {
        // 4 -> 2: scale 2, support 2. Output 0 is centred at 1.0 and reads sources 0..2 with weights
        // 0.75, 0.75, 0.25 normalised by 1.75 -> 1797559, 1797559, 599186 in 22-bit fixed point.
        PillowBilinear.Kernels k = PillowBilinear.kernels(4, 2);
        assertEquals(0, k.start()[0]);
        assertEquals(3, k.count()[0]);
        assertArrayEquals(new int[]{1797559, 1797559, 599186}, java.util.Arrays.copyOf(k.weights(), 3));
        byte[] row = {0, 0, 0, 100, 100, 100, (byte) 200, (byte) 200, (byte) 200, (byte) 255, (byte) 255, (byte) 255};
        byte[] out = PillowBilinear.resize(row, 4, 1, 2, 1);
        // (2^21 + 100 * 1797559 + 200 * 599186) >> 22 = 71
        assertEquals(71, out[0] & 0xFF);
    }

    @Test
    void sameSizeIsNotResampled() {
        byte[] rgb = new byte[3 * 5 * 4];
        assertSame(rgb, PillowBilinear.resize(rgb, 5, 4, 5, 4));
    }

    @Test
    void upscalingOnePixelCopiesIt() {
        byte[] out = PillowBilinear.resize(new byte[]{1, 2, 3}, 1, 1, 7, 5);
        for (int i = 0; i < out.length; i++) assertEquals(i % 3 + 1, out[i]);
    }
}
