package dev.tessera.engine.kernels;

/**
 * Bidirectional (non-causal) multi-head attention over a long sequence, the vision encoder's hot spot:
 * {@code out_i = sum_j softmax_j(q_i . k_j / sqrt(d) + bias_ij) v_j} per head, where
 * {@code bias_ij = finfo(float32).min} iff both token i and token j are marked in {@code masked} (the mllama
 * "masked pair" rule: padding attends to real tokens, real tokens attend to everything), else 0.
 *
 * <p>Never materialises the (n x n) score matrix. Work items are (head, block of {@link #BQ} queries); each
 * walks the keys in blocks of {@link #BK} with an online (streaming) softmax: running max {@code m} and sum
 * {@code l} per query, the output accumulator rescaled by {@code exp(m_old - m_new)} whenever the max grows,
 * divided by {@code l} at the end. Everything runs with the queries along the vector lanes ("transposed"
 * flash attention), so the softmax needs no horizontal reductions and both products are outer-product
 * micro-kernels of 24 register accumulators:
 * <pre>
 *   S^T (BK x BQ) = K_blk (BK x d) . Q^T (d x BQ)      8 keys x 3 query vectors, broadcast k, load q
 *   O^T (d  x BQ) += V_blk^T (d x BK) . P^T (BK x BQ)  8 dims x 3 query vectors, broadcast v, load p
 * </pre>
 * K and V of each head are first packed contiguous ({@code [head][key][d]}, zero rows past n) into a
 * caller-owned {@link Workspace} that is reused across layers. This is {@link SimdAttention}; without the
 * Vector API (see {@link Simd}) {@link ScalarAttention} computes the same softmax one query at a time.
 *
 * <p>The softmax runs in base 2 ({@code log2(e)} is folded into the query scale, then {@code 2^(s - m)}); the
 * block maximum comes out of the score micro-kernel's registers, so
 * the softmax is a single pass over the block. The bias reproduces the reference: {@code s + finfo.min}
 * rounds to {@code finfo.min} in float32, so a blocked score is set to {@code -Float.MAX_VALUE} (not -inf: a
 * fully blocked row then still gets a uniform softmax, as in PyTorch). A key block whose keys are all marked
 * is skipped for a query block whose queries are all marked: those weights are 2^-125 next to the weight 1
 * of the row's maximum (a real key: the sequence must have one, else nothing is skipped), i.e. nothing.
 */
public final class TiledAttention {
    /** Keys per block (a multiple of the 8-key micro-kernel). */
    static final int BK = 64;

    private TiledAttention() {}

    /** Packed per-head keys and values, grown on demand; one per caller, reused across layers. */
    public static final class Workspace {
        float[] k = new float[0], v = new float[0];

        void ensure(int size) {
            if (k.length < size) {
                k = new float[size];
                v = new float[size];
            }
        }
    }

    /**
     * Attention of n tokens with each other.
     *
     * @param q       queries: token i, head h at {@code q[qOff + i*stride + h*headDim ..]}
     * @param k       keys, same layout at {@code kOff}; {@code v} values at {@code vOff} (q, k, v may share one array)
     * @param stride  row stride of q, k and v (e.g. 3*heads*headDim for a fused QKV projection)
     * @param out     (n, heads*headDim) row-major
     * @param masked  per token, or null for no bias
     */
    public static void maskedPairs(float[] q, int qOff, float[] k, int kOff, float[] v, int vOff, int stride,
                                   float[] out, int n, int heads, int headDim, boolean[] masked, Workspace ws) {
        if (Simd.ENABLED) SimdAttention.maskedPairs(q, qOff, k, kOff, v, vOff, stride, out, n, heads, headDim, masked, ws);
        else ScalarAttention.maskedPairs(q, qOff, k, kOff, v, vOff, stride, out, n, heads, headDim, masked);
    }
}
