package dev.tessera.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tiled (streaming-softmax) attention against a naive double-precision reference. */
class TiledAttentionTest {

    /** mask: none | random | tail (last third marked) | tiles (padding slots of 4 tiles, tiles 2-3 empty) | all */
    @ParameterizedTest
    @CsvSource({
            "1, 1, 8, none", "5, 2, 8, random", "47, 3, 12, tail", "49, 2, 80, random", "100, 4, 8, tiles",
            "131, 2, 80, tiles", "96, 2, 16, all", "200, 3, 24, tail", "33, 1, 5, random", "257, 2, 80, none"})
    void matchesNaiveReference(int n, int heads, int d, String mask) {
        Random r = new Random(n * 31L + heads * 7L + d);
        int hd = heads * d, stride = 3 * hd;
        float[] qkv = new float[n * stride];
        for (int i = 0; i < qkv.length; i++) qkv[i] = (float) r.nextGaussian() * 1.5f;
        boolean[] masked = switch (mask) {
            case "none" -> null;
            case "random" -> randomMask(r, n);
            case "tail" -> tailMask(n);
            case "tiles" -> tileMask(n);
            case "all" -> allMask(n);
            default -> throw new IllegalArgumentException(mask);
        };
        float[] out = new float[n * hd];
        TiledAttention.Workspace ws = new TiledAttention.Workspace();
        TiledAttention.maskedPairs(qkv, 0, qkv, hd, qkv, 2 * hd, stride, out, n, heads, d, masked, ws);
        double[] want = naive(qkv, stride, n, heads, d, masked);
        double worst = 0;
        for (int i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i] - want[i]));
        assertTrue(worst < 2e-5, "n=" + n + " heads=" + heads + " d=" + d + " mask=" + mask + ": max abs diff " + worst);

        // The workspace is reused across calls (layers): a second run gives the same result.
        float[] again = new float[n * hd];
        TiledAttention.maskedPairs(qkv, 0, qkv, hd, qkv, 2 * hd, stride, again, n, heads, d, masked, ws);
        assertTrue(java.util.Arrays.equals(out, again), "second call with a reused workspace differs");
    }

    private static boolean[] randomMask(Random r, int n) {
        boolean[] m = new boolean[n];
        for (int i = 0; i < n; i++) m[i] = r.nextInt(3) == 0;
        return m;
    }

    private static boolean[] tailMask(int n) {
        boolean[] m = new boolean[n];
        for (int i = n - n / 3; i < n; i++) m[i] = true;
        return m;
    }

    private static boolean[] tileMask(int n) {
        boolean[] m = new boolean[n];
        int tile = Math.max(1, n / 4);
        for (int i = 0; i < n; i++) m[i] = i % tile >= tile - 3 || i >= 2 * tile;
        return m;
    }

    private static boolean[] allMask(int n) {
        boolean[] m = new boolean[n];
        java.util.Arrays.fill(m, true);
        return m;
    }

    /** softmax(q k^T / sqrt(d) + bias) v in double, bias = finfo(float32).min on marked pairs. */
    static double[] naive(float[] qkv, int stride, int n, int heads, int d, boolean[] masked) {
        int hd = heads * d;
        double[] out = new double[n * hd];
        double scale = 1.0 / Math.sqrt(d);
        double[] s = new double[n];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) dot += (double) qkv[i * stride + h * d + c] * qkv[j * stride + hd + h * d + c];
                    s[j] = dot * scale;
                    if (masked != null && masked[i] && masked[j]) s[j] = (float) (s[j] + -Float.MAX_VALUE);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < n; j++) {
                    for (int c = 0; c < d; c++) out[i * hd + h * d + c] += s[j] / sum * qkv[j * stride + 2 * hd + h * d + c];
                }
            }
        }
        return out;
    }
}
