package dev.tessera.vision.preprocess;

import dev.tessera.vision.image.DecodedImage;

/**
 * README rule 1: the processor uses an RGB image as it is and converts any other mode to RGBA, composites it
 * over opaque white with Pillow's integer {@code alpha_composite}, and drops alpha. For modes without alpha
 * (L, P) that composite is the identity - an opaque pixel keeps its value, checked in the tests for all 256 -
 * so only images with an alpha plane are touched.
 */
final class WhiteBackground {
    private static final int PRECISION_BITS = 7;

    /** COMPOSITE[a << 8 | v]: channel value v with alpha a over white. 64 KiB, built once. */
    private static final byte[] COMPOSITE = buildTable();

    private WhiteBackground() {
    }

    /** (height, width, 3) RGB bytes as the processor sees them: the image's own array unless it has alpha. */
    static byte[] rgbOf(DecodedImage image) {
        if (!image.mode().hasAlpha()) return image.rgb();
        byte[] src = image.rgb();
        byte[] alpha = image.alpha();
        byte[] out = new byte[src.length];
        for (int i = 0, p = 0; i < alpha.length; i++, p += 3) {
            int row = (alpha[i] & 0xFF) << 8;
            out[p] = COMPOSITE[row | src[p] & 0xFF];
            out[p + 1] = COMPOSITE[row | src[p + 1] & 0xFF];
            out[p + 2] = COMPOSITE[row | src[p + 2] & 0xFF];
        }
        return out;
    }

    /** Pillow's {@code AlphaComposite.c} for a source pixel over an opaque white destination. */
    static int composite(int value, int alpha) {
        if (alpha == 0) return 255; // Pillow copies the destination pixel
        int blend = 255 * (255 - alpha);              // destination alpha 255 times the source's transparency
        int outAlpha255 = alpha * 255 + blend;
        int coef1 = alpha * 255 * 255 * (1 << PRECISION_BITS) / outAlpha255;
        int coef2 = 255 * (1 << PRECISION_BITS) - coef1;
        int t = value * coef1 + 255 * coef2 + (0x80 << PRECISION_BITS);
        return ((t >> 8) + t) >> 8 >> PRECISION_BITS; // SHIFTFORDIV255, then drop the fraction bits
    }

    private static byte[] buildTable() {
        byte[] table = new byte[256 * 256];
        for (int a = 0; a < 256; a++) {
            for (int v = 0; v < 256; v++) {
                table[a << 8 | v] = (byte) composite(v, a);
            }
        }
        return table;
    }
}
