package dev.tessera.engine.kernels;

/**
 * Scaled dot-product attention over cached keys/values, with grouped-query heads: query head h reads
 * key/value head h / (heads / kvHeads). Scores are softmaxed in float32 per (token, head).
 */
public final class Attention {
    private static final ThreadLocal<float[]> SCORES = ThreadLocal.withInitial(() -> new float[1024]);

    private Attention() {}

    /**
     * Causal self-attention for n new tokens whose keys/values are already in the cache at positions
     * pos0 .. pos0+n-1: token t attends to positions 0 .. pos0+t.
     *
     * @param q   (n, heads*headDim) queries, RoPE applied
     * @param k   (positions, kvHeads*headDim) cached keys; v likewise
     * @param out (n, heads*headDim)
     */
    public static void causal(float[] q, float[] k, float[] v, float[] out, int n, int pos0, int heads, int kvHeads,
                              int headDim) {
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int group = heads / kvHeads, qDim = heads * headDim, kvDim = kvHeads * headDim;
        Parallel.forRange(n * heads, 1, (from, to) -> {
            for (int item = from; item < to; item++) {
                int t = item / heads, h = item % heads;
                int kvOff = (h / group) * headDim;
                attendOne(q, t * qDim + h * headDim, k, v, kvOff, kvDim, pos0 + t + 1, scale, headDim, out,
                        t * qDim + h * headDim, null, 0);
            }
        });
    }

    /**
     * One query against keys 0 .. count-1 (row stride kvStride, column offset kvOff); writes the
     * weighted sum of values to out[oo ..]. A non-null bias (count) is added to the scores.
     */
    public static void attendOne(float[] q, int qo, float[] k, float[] v, int kvOff, int kvStride, int count,
                                 float scale, int headDim, float[] out, int oo, float[] bias, int biasOff) {
        float[] s = SCORES.get();
        if (s.length < count) {
            s = new float[Math.max(count, s.length * 2)];
            SCORES.set(s);
        }
        for (int j = 0; j < count; j++) {
            float d = VectorMath.dot(q, qo, k, j * kvStride + kvOff, headDim) * scale;
            s[j] = bias == null ? d : d + bias[biasOff + j];
        }
        VectorMath.softmax(s, 0, count);
        java.util.Arrays.fill(out, oo, oo + headDim, 0f);
        for (int j = 0; j < count; j++) VectorMath.axpy(s[j], v, j * kvStride + kvOff, out, oo, headDim);
    }

    /**
     * One query against several key/value blocks at once, softmaxed jointly: block i is rows
     * 0 .. counts[i]-1 of ks[i] / vs[i] (row stride kvStride, column offset kvOff). Used by cross-attention,
     * where a token sees the real tiles of one or more images; masked keys are simply not visited, which is
     * what a finfo.min bias amounts to after softmax.
     */
    public static void attendBlocks(float[] q, int qo, float[][] ks, float[][] vs, int[] counts, int kvOff, int kvStride,
                                    float scale, int headDim, float[] out, int oo) {
        int total = 0;
        for (int c : counts) total += c;
        float[] s = SCORES.get();
        if (s.length < total) {
            s = new float[Math.max(total, s.length * 2)];
            SCORES.set(s);
        }
        int j = 0;
        for (int b = 0; b < ks.length; b++) {
            for (int r = 0; r < counts[b]; r++) s[j++] = VectorMath.dot(q, qo, ks[b], r * kvStride + kvOff, headDim) * scale;
        }
        VectorMath.softmax(s, 0, total);
        java.util.Arrays.fill(out, oo, oo + headDim, 0f);
        j = 0;
        for (int b = 0; b < ks.length; b++) {
            for (int r = 0; r < counts[b]; r++) VectorMath.axpy(s[j++], vs[b], r * kvStride + kvOff, out, oo, headDim);
        }
    }
}
