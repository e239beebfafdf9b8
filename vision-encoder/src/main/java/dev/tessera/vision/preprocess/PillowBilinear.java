package dev.tessera.vision.preprocess;

/**
 * Pillow's {@code Image.resize(size, BILINEAR)} on an 8-bit RGB image, bit for bit ({@code Resample.c}:
 * {@code precompute_coeffs}, {@code normalize_coeffs_8bpc}, {@code ImagingResampleHorizontal_8bpc} /
 * {@code Vertical}). The reference preprocessing resizes with exactly this, so anything else - Java2D,
 * torchvision - misses the golden pixel values by a grey level here and there.
 *
 * <p>Separable: a horizontal pass into an 8-bit intermediate (only the source rows the vertical pass reads),
 * then a vertical pass; a pass runs only when its axis changes size. Each output index has a precomputed
 * triangle kernel, widened by the scale when shrinking (so downscaling is antialiased), normalised in double
 * and rounded to 22-bit fixed point; sums start at 2^21 (rounding) and are clamped to 0..255.
 */
final class PillowBilinear {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);
    private static final int CHANNELS = 3;

    private PillowBilinear() {
    }

    /**
     * Per output index i: the first source index {@code start[i]}, the tap count {@code count[i]}, and the
     * fixed-point weights {@code weights[i * stride + j]} for source {@code start[i] + j}.
     */
    record Kernels(int[] start, int[] count, int[] weights, int stride) {
    }

    /** Resizes (inH, inW, 3) interleaved bytes to (outH, outW, 3); returns the input itself when sizes match. */
    static byte[] resize(byte[] rgb, int inW, int inH, int outW, int outH) {
        boolean horizontal = outW != inW;
        boolean vertical = outH != inH;
        if (!horizontal && !vertical) return rgb;
        Kernels columns = horizontal ? kernels(inW, outW) : null;
        if (!vertical) return horizontalPass(rgb, inW, 0, inH, outW, columns);
        Kernels rows = kernels(inH, outH);
        if (!horizontal) return verticalPass(rgb, inW, 0, outH, rows);
        // Only rows [first, last) of the source feed the vertical pass.
        int first = rows.start()[0];
        int last = rows.start()[outH - 1] + rows.count()[outH - 1];
        byte[] temp = horizontalPass(rgb, inW, first, last - first, outW, columns);
        return verticalPass(temp, outW, first, outH, rows);
    }

    /** {@code precompute_coeffs} + {@code normalize_coeffs_8bpc} for the bilinear (triangle, support 1) filter. */
    static Kernels kernels(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale;
        int stride = (int) Math.ceil(support) * 2 + 1;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * stride];
        double[] k = new double[stride];
        for (int out = 0; out < outSize; out++) {
            double center = (out + 0.5) * scale;
            double inverse = 1.0 / filterScale;
            int min = Math.max(0, (int) (center - support + 0.5));   // (int) truncates toward zero, as C does
            int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
            double sum = 0.0;
            for (int x = 0; x < max; x++) {
                double w = triangle((x + min - center + 0.5) * inverse);
                k[x] = w;
                sum += w;
            }
            for (int x = 0; x < max; x++) {
                double w = sum != 0.0 ? k[x] / sum : k[x];
                weights[out * stride + x] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS))
                        : (int) (0.5 + w * (1 << PRECISION_BITS));
            }
            start[out] = min;
            count[out] = Math.max(0, max);
        }
        return new Kernels(start, count, weights, stride);
    }

    private static double triangle(double x) {
        if (x < 0.0) x = -x;
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    /** Resamples rows [firstRow, firstRow + rowCount) of the source along x. */
    private static byte[] horizontalPass(byte[] src, int inW, int firstRow, int rowCount, int outW, Kernels kernels) {
        int[] start = kernels.start(), count = kernels.count(), weights = kernels.weights();
        int stride = kernels.stride();
        byte[] out = new byte[rowCount * outW * CHANNELS];
        int o = 0;
        for (int y = 0; y < rowCount; y++) {
            int rowBase = (firstRow + y) * inW * CHANNELS;
            for (int x = 0; x < outW; x++) {
                int r = HALF, g = HALF, b = HALF;
                int p = rowBase + start[x] * CHANNELS;
                int kBase = x * stride;
                for (int j = 0, n = count[x]; j < n; j++, p += CHANNELS) {
                    int w = weights[kBase + j];
                    r += (src[p] & 0xFF) * w;
                    g += (src[p + 1] & 0xFF) * w;
                    b += (src[p + 2] & 0xFF) * w;
                }
                out[o++] = clip8(r);
                out[o++] = clip8(g);
                out[o++] = clip8(b);
            }
        }
        return out;
    }

    /**
     * Resamples along y. {@code rowOffset} is the source row that {@code src} row 0 holds. Taps are accumulated
     * a whole row at a time (same integer sums as Pillow's per-pixel loop, in a cache-friendly order).
     */
    private static byte[] verticalPass(byte[] src, int width, int rowOffset, int outH, Kernels kernels) {
        int[] start = kernels.start(), count = kernels.count(), weights = kernels.weights();
        int stride = kernels.stride();
        int rowBytes = width * CHANNELS;
        byte[] out = new byte[outH * rowBytes];
        int[] acc = new int[rowBytes];
        for (int y = 0; y < outH; y++) {
            java.util.Arrays.fill(acc, HALF);
            for (int j = 0, n = count[y]; j < n; j++) {
                int w = weights[y * stride + j];
                int p = (start[y] - rowOffset + j) * rowBytes;
                for (int c = 0; c < rowBytes; c++) {
                    acc[c] += (src[p + c] & 0xFF) * w;
                }
            }
            int o = y * rowBytes;
            for (int c = 0; c < rowBytes; c++) {
                out[o + c] = clip8(acc[c]);
            }
        }
        return out;
    }

    private static byte clip8(int sum) {
        if (sum >= 1 << PRECISION_BITS << 8) return (byte) 255;
        if (sum <= 0) return 0;
        return (byte) (sum >> PRECISION_BITS);
    }
}
