package dev.tessera.engine.kernels;

import dev.tessera.engine.tensor.WeightMatrix;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix-matrix product for prompt batches and the vision encoder: Y (n, rows) = X (n, cols) . W^T.
 *
 * <p>The hot spot of prefill and image encoding. Work is split over blocks of weight rows; each task widens
 * its block to float32 once (so bf16 unpacking is amortised over all tokens), then walks the tokens in
 * chunks that stay in L2 and computes 4 rows x 3 tokens per pass of the micro-kernel: 12 independent FMA
 * accumulators fed by 7 vector loads, which keeps both FMA ports busy.
 */
public final class Gemm {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Bytes of widened weights per task: about a quarter of a 1 MiB L2, leaving room for the token chunk. */
    private static final int BLOCK_BYTES = 256 << 10;
    private static final int TOKEN_CHUNK = 48;
    private static final ThreadLocal<float[]> BUFFER = ThreadLocal.withInitial(() -> new float[0]);

    private Gemm() {}

    public static void multiply(WeightMatrix w, float[] x, int n, float[] y) {
        int rows = w.rows(), cols = w.cols();
        int rb = Math.max(4, Math.min(64, BLOCK_BYTES / (4 * cols)) & ~3);
        // Enough blocks for every thread even when rows are few.
        while (rb > 4 && (rows + rb - 1) / rb < 2 * Parallel.threads()) rb -= 4;
        final int blockRows = rb;
        int blocks = (rows + rb - 1) / rb;
        Parallel.forEach(blocks, b -> {
            int r0 = b * blockRows, count = Math.min(blockRows, rows - r0);
            float[] wb = buffer(count * cols);
            w.rowsToFloat(r0, count, wb);
            for (int t0 = 0; t0 < n; t0 += TOKEN_CHUNK) {
                int t1 = Math.min(n, t0 + TOKEN_CHUNK);
                block(wb, count, cols, x, t0, t1, y, rows, r0);
            }
        });
    }

    private static float[] buffer(int size) {
        float[] b = BUFFER.get();
        if (b.length < size) {
            b = new float[size];
            BUFFER.set(b);
        }
        return b;
    }

    /** Rows [0, count) of the widened block against tokens [t0, t1). */
    private static void block(float[] wb, int count, int cols, float[] x, int t0, int t1, float[] y, int ldy, int r0) {
        int r = 0;
        for (; r + 4 <= count; r += 4) {
            int t = t0;
            for (; t + 3 <= t1; t += 3) micro4x3(wb, r * cols, cols, x, t * cols, y, t * ldy + r0 + r, ldy);
            for (; t < t1; t++) {
                for (int i = 0; i < 4; i++) y[t * ldy + r0 + r + i] = VectorMath.dot(wb, (r + i) * cols, x, t * cols, cols);
            }
        }
        for (; r < count; r++) {
            for (int t = t0; t < t1; t++) y[t * ldy + r0 + r] = VectorMath.dot(wb, r * cols, x, t * cols, cols);
        }
    }

    /** 4 consecutive weight rows at wo against 3 consecutive tokens at xo; writes y[yo + j*ldy + i]. */
    private static void micro4x3(float[] w, int wo, int cols, float[] x, int xo, float[] y, int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(F), a01 = a00, a02 = a00, a10 = a00, a11 = a00, a12 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a30 = a00, a31 = a00, a32 = a00;
        int w1 = wo + cols, w2 = wo + 2 * cols, w3 = wo + 3 * cols;
        int x1 = xo + cols, x2 = xo + 2 * cols;
        int k = 0;
        for (; k + L <= cols; k += L) {
            FloatVector v0 = FloatVector.fromArray(F, x, xo + k);
            FloatVector v1 = FloatVector.fromArray(F, x, x1 + k);
            FloatVector v2 = FloatVector.fromArray(F, x, x2 + k);
            FloatVector u = FloatVector.fromArray(F, w, wo + k);
            a00 = u.fma(v0, a00);
            a01 = u.fma(v1, a01);
            a02 = u.fma(v2, a02);
            u = FloatVector.fromArray(F, w, w1 + k);
            a10 = u.fma(v0, a10);
            a11 = u.fma(v1, a11);
            a12 = u.fma(v2, a12);
            u = FloatVector.fromArray(F, w, w2 + k);
            a20 = u.fma(v0, a20);
            a21 = u.fma(v1, a21);
            a22 = u.fma(v2, a22);
            u = FloatVector.fromArray(F, w, w3 + k);
            a30 = u.fma(v0, a30);
            a31 = u.fma(v1, a31);
            a32 = u.fma(v2, a32);
        }
        float s00 = a00.reduceLanes(VectorOperators.ADD), s01 = a01.reduceLanes(VectorOperators.ADD);
        float s02 = a02.reduceLanes(VectorOperators.ADD), s10 = a10.reduceLanes(VectorOperators.ADD);
        float s11 = a11.reduceLanes(VectorOperators.ADD), s12 = a12.reduceLanes(VectorOperators.ADD);
        float s20 = a20.reduceLanes(VectorOperators.ADD), s21 = a21.reduceLanes(VectorOperators.ADD);
        float s22 = a22.reduceLanes(VectorOperators.ADD), s30 = a30.reduceLanes(VectorOperators.ADD);
        float s31 = a31.reduceLanes(VectorOperators.ADD), s32 = a32.reduceLanes(VectorOperators.ADD);
        for (; k < cols; k++) {
            float v0 = x[xo + k], v1 = x[x1 + k], v2 = x[x2 + k];
            float u0 = w[wo + k], u1 = w[w1 + k], u2 = w[w2 + k], u3 = w[w3 + k];
            s00 += u0 * v0; s01 += u0 * v1; s02 += u0 * v2;
            s10 += u1 * v0; s11 += u1 * v1; s12 += u1 * v2;
            s20 += u2 * v0; s21 += u2 * v1; s22 += u2 * v2;
            s30 += u3 * v0; s31 += u3 * v1; s32 += u3 * v2;
        }
        y[yo] = s00; y[yo + 1] = s10; y[yo + 2] = s20; y[yo + 3] = s30;
        y[yo + ldy] = s01; y[yo + ldy + 1] = s11; y[yo + ldy + 2] = s21; y[yo + ldy + 3] = s31;
        y[yo + 2 * ldy] = s02; y[yo + 2 * ldy + 1] = s12; y[yo + 2 * ldy + 2] = s22; y[yo + 2 * ldy + 3] = s32;
    }
}
