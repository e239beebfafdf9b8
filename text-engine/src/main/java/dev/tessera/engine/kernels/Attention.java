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

    /**
     * Bidirectional attention of n tokens with each other (the vision encoder), with the mllama "masked
     * pair" bias: score(i, j) gets finfo.min iff tokens i and j are both marked in {@code masked} (padding and
     * empty tiles attend to real tokens; real tokens attend to everything). One query row at a time, so the
     * (n x n) score matrix never exists.
     *
     * @param qkv q, k, v of token i, head h at {@code qkv[i*stride + {qOff,kOff,vOff} + h*headDim]}
     */
    public static void maskedPairs(float[] q, float[] k, float[] v, float[] out, int n, int heads, int headDim,
                                   boolean[] masked) {
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int dim = heads * headDim;
        Parallel.forRange(n * heads, 16, (from, to) -> {
            float[] s = SCORES.get();
            for (int item = from; item < to; item++) {
                int i = item / heads, h = item % heads, off = h * headDim;
                if (s.length < n) {
                    s = new float[n];
                    SCORES.set(s);
                }
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    float d = VectorMath.dot(q, i * dim + off, k, j * dim + off, headDim) * scale;
                    if (masked != null && masked[i] && masked[j]) d = -Float.MAX_VALUE;
                    s[j] = d;
                    max = Math.max(max, d);
                }
                float sum = 0;
                for (int j = 0; j < n; j++) {
                    float e = (float) Math.exp(s[j] - max);
                    s[j] = e;
                    sum += e;
                }
                float inv = 1f / sum;
                java.util.Arrays.fill(out, i * dim + off, i * dim + off + headDim, 0f);
                for (int j = 0; j < n; j++) {
                    if (s[j] != 0) VectorMath.axpy(s[j] * inv, v, j * dim + off, out, i * dim + off, headDim);
                }
            }
        });
    }
}
