package dev.tessera.engine.kernels;

/**
 * {@link TiledAttention#maskedPairs} in plain Java, for a JVM without the Vector API (see {@link Simd}): per head
 * and query, the scores against every key, the masked-pair bias, an exact softmax (natural exp in double,
 * float32 sums) and the weighted sum of the values. The same math as the tiled kernel, which streams the keys
 * in blocks with an online softmax in base 2; results agree to float32 rounding.
 */
final class ScalarAttention {
    private static final float BLOCKED = -Float.MAX_VALUE; // finfo(float32).min: s + finfo.min rounds to it
    /** Queries per parallel task. */
    private static final int CHUNK = 16;
    private static final ThreadLocal<float[]> SCORES = ThreadLocal.withInitial(() -> new float[0]);

    private ScalarAttention() {}

    static void maskedPairs(float[] q, int qOff, float[] k, int kOff, float[] v, int vOff, int stride,
                            float[] out, int n, int heads, int d, boolean[] masked) {
        if (n <= 0) return;
        float scale = (float) (1 / Math.sqrt(d));
        int chunks = (n + CHUNK - 1) / CHUNK;
        Parallel.forEach(heads * chunks, item -> {
            int h = item / chunks, i0 = (item % chunks) * CHUNK;
            float[] s = SCORES.get();
            if (s.length < n + d) {
                s = new float[n + d];
                SCORES.set(s);
            }
            for (int i = i0; i < Math.min(n, i0 + CHUNK); i++) {
                query(q, qOff + i * stride + h * d, k, kOff + h * d, v, vOff + h * d, stride, n, d, scale,
                        masked, masked != null && masked[i], s, out, i * heads * d + h * d);
            }
        });
    }

    /** One query of one head; s holds n scores then d output sums. */
    private static void query(float[] q, int qo, float[] k, int ko, float[] v, int vo, int stride, int n, int d,
                              float scale, boolean[] masked, boolean queryMarked, float[] s, float[] out, int oo) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            float sj = queryMarked && masked[j] ? BLOCKED : ScalarKernels.dot(q, qo, k, ko + j * stride, d) * scale;
            s[j] = sj;
            max = Math.max(max, sj);
        }
        float sum = 0;
        for (int j = 0; j < n; j++) {
            float e = (float) Math.exp(s[j] - max);
            s[j] = e;
            sum += e;
        }
        java.util.Arrays.fill(s, n, n + d, 0f);
        for (int j = 0; j < n; j++) ScalarKernels.axpy(s[j], v, vo + j * stride, s, n, d);
        float inv = 1f / sum;
        for (int c = 0; c < d; c++) out[oo + c] = s[n + c] * inv;
    }
}
