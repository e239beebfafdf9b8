package dev.tessera.engine.kernels;

import dev.tessera.engine.tensor.WeightMatrix;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm} on the Vector API (loaded only when {@link Simd#ENABLED}).
 *
 * <p>The hot spot of prefill and image encoding. Two kernels:
 * <ul>
 *   <li><b>packed</b> (n >= {@link #PACKED_MIN_TOKENS}): work is split over panels of {@link #NR} weight rows
 *   (output features). Each task widens its panel to float32 once and transposes it to k-major order
 *   ({@code panel[k][NR]}), then walks all tokens 6 at a time: per k the micro-kernel loads 4 vectors of the
 *   panel and broadcasts one input of each of 6 tokens, 24 FMAs into 24 register accumulators for 10 loads
 *   (the outer-product form of BLIS-style sgemm; no horizontal reductions). The tokens are packed once per
 *   call, 6 at a time k-major, so the broadcasts read one sequential stream. The whole k range runs in one pass:
 *   slicing k (to keep the panel in L2) measured slower here than streaming the panel from L3, because every
 *   extra slice reloads and re-stores the output tile.</li>
 *   <li><b>dot</b> (few tokens): blocks of weight rows widened once, 4 rows x 3 tokens per pass of a
 *   dot-product micro-kernel (12 accumulators, 7 loads), cheaper than packing when n is small.</li>
 * </ul>
 */
final class SimdGemm {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Bytes of widened weights per task: about a quarter of a 1 MiB L2, leaving room for the token chunk. */
    private static final int BLOCK_BYTES = 256 << 10;
    private static final int TOKEN_CHUNK = 48;
    /** Output features per packed panel (4 vectors) and tokens per micro-kernel pass. */
    static final int NR = 4 * L, MR = 6;
    static final int PACKED_MIN_TOKENS = 2 * MR;
    private static final ThreadLocal<float[]> BUFFER = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PACKED_X = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    private SimdGemm() {}

    static void multiply(WeightMatrix w, float[] x, int n, float[] y) {
        if (n >= PACKED_MIN_TOKENS) {
            packed(w, x, n, y);
        } else {
            dot(w, x, n, y);
        }
    }

    /** The packed outer-product kernel (see the class comment). */
    static void packed(WeightMatrix w, float[] x, int n, float[] y) {
        int rows = w.rows(), cols = w.cols();
        int groups = (n + MR - 1) / MR;
        float[] xp = packTokens(x, n, cols, groups);
        int panels = (rows + NR - 1) / NR;
        Parallel.forEach(panels, pi -> {
            int r0 = pi * NR, count = Math.min(NR, rows - r0);
            float[] p = packPanel(w, r0, count, cols);
            for (int g = 0; g < groups; g++) {
                int t0 = g * MR;
                if (count == NR && t0 + MR <= n) {
                    micro6x4(p, cols, xp, g * MR * cols, y, t0 * rows + r0, rows);
                } else {
                    edge(p, cols, xp, g * MR * cols, y, rows, t0, Math.min(MR, n - t0), r0, count);
                }
            }
        });
    }

    /**
     * Tokens in groups of MR, k-major inside a group: xp[(g*cols + k)*MR + i] = x[(g*MR + i)*cols + k], zero past n.
     * The micro-kernel then reads its 6 broadcasts from one sequential stream.
     */
    static float[] packTokens(float[] x, int n, int cols, int groups) {
        float[] xp = buffer(PACKED_X, groups * MR * cols);
        Parallel.forRange(groups, 8, (g0, g1) -> {
            for (int g = g0; g < g1; g++) {
                int base = g * MR * cols;
                int valid = Math.min(MR, n - g * MR), xo = g * MR * cols;
                if (valid == MR) {
                    for (int k = 0; k < cols; k++) {
                        int o = base + k * MR;
                        xp[o] = x[xo + k];
                        xp[o + 1] = x[xo + cols + k];
                        xp[o + 2] = x[xo + 2 * cols + k];
                        xp[o + 3] = x[xo + 3 * cols + k];
                        xp[o + 4] = x[xo + 4 * cols + k];
                        xp[o + 5] = x[xo + 5 * cols + k];
                    }
                } else {
                    for (int k = 0; k < cols; k++) {
                        for (int i = 0; i < MR; i++) xp[base + k * MR + i] = i < valid ? x[xo + i * cols + k] : 0f;
                    }
                }
            }
        });
        return xp;
    }

    /** Weight rows [r0, r0+count) widened and transposed to p[k*NR + j] = W[r0 + j][k], zero past count. */
    static float[] packPanel(WeightMatrix w, int r0, int count, int cols) {
        float[] wb = buffer(BUFFER, count * cols);
        float[] p = buffer(PANEL, cols * NR);
        w.rowsToFloat(r0, count, wb);
        for (int j = 0; j < count; j++) {
            int wo = j * cols;
            for (int k = 0; k < cols; k++) p[k * NR + j] = wb[wo + k];
        }
        for (int j = count; j < NR; j++) {
            for (int k = 0; k < cols; k++) p[k * NR + j] = 0f;
        }
        return p;
    }

    /** A partial tile (fewer than MR tokens or NR features) through a scratch tile. */
    private static void edge(float[] p, int cols, float[] xp, int xo, float[] y, int ldy, int t0, int tokens, int r0,
                             int count) {
        float[] tile = TILE.get();
        micro6x4(p, cols, xp, xo, tile, 0, NR);
        for (int i = 0; i < tokens; i++) System.arraycopy(tile, i * NR, y, (t0 + i) * ldy + r0, count);
    }

    /**
     * The micro-kernel, 6 tokens x 4 vectors of output features in 24 accumulators. Per k it loads 4 vectors
     * of the packed panel and broadcasts 6 packed inputs: 24 FMAs for 10 loads. Writes y[yo + i*ldy + j].
     * (Keep the stores unconditional: a vector merged from two branches is boxed by C2, which costs 10 %.)
     */
    private static void micro6x4(float[] p, int cols, float[] xp, int xo, float[] y, int yo, int ldy) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00, c33 = c00, c40 = c00, c41 = c00, c42 = c00, c43 = c00, c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        for (int k = 0; k < cols; k++) {
            int pk = k * NR, xk = xo + k * MR;
            FloatVector b0 = FloatVector.fromArray(F, p, pk + 0 * L);
            FloatVector b1 = FloatVector.fromArray(F, p, pk + 1 * L);
            FloatVector b2 = FloatVector.fromArray(F, p, pk + 2 * L);
            FloatVector b3 = FloatVector.fromArray(F, p, pk + 3 * L);
            FloatVector a0 = FloatVector.broadcast(F, xp[xk + 0]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
            FloatVector a1 = FloatVector.broadcast(F, xp[xk + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
            FloatVector a2 = FloatVector.broadcast(F, xp[xk + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22); c23 = a2.fma(b3, c23);
            FloatVector a3 = FloatVector.broadcast(F, xp[xk + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32); c33 = a3.fma(b3, c33);
            FloatVector a4 = FloatVector.broadcast(F, xp[xk + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42); c43 = a4.fma(b3, c43);
            FloatVector a5 = FloatVector.broadcast(F, xp[xk + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52); c53 = a5.fma(b3, c53);
        }
        int y0 = yo;
        c00.intoArray(y, y0 + 0 * L); c01.intoArray(y, y0 + 1 * L); c02.intoArray(y, y0 + 2 * L); c03.intoArray(y, y0 + 3 * L);
        int y1 = yo + 1 * ldy;
        c10.intoArray(y, y1 + 0 * L); c11.intoArray(y, y1 + 1 * L); c12.intoArray(y, y1 + 2 * L); c13.intoArray(y, y1 + 3 * L);
        int y2 = yo + 2 * ldy;
        c20.intoArray(y, y2 + 0 * L); c21.intoArray(y, y2 + 1 * L); c22.intoArray(y, y2 + 2 * L); c23.intoArray(y, y2 + 3 * L);
        int y3 = yo + 3 * ldy;
        c30.intoArray(y, y3 + 0 * L); c31.intoArray(y, y3 + 1 * L); c32.intoArray(y, y3 + 2 * L); c33.intoArray(y, y3 + 3 * L);
        int y4 = yo + 4 * ldy;
        c40.intoArray(y, y4 + 0 * L); c41.intoArray(y, y4 + 1 * L); c42.intoArray(y, y4 + 2 * L); c43.intoArray(y, y4 + 3 * L);
        int y5 = yo + 5 * ldy;
        c50.intoArray(y, y5 + 0 * L); c51.intoArray(y, y5 + 1 * L); c52.intoArray(y, y5 + 2 * L); c53.intoArray(y, y5 + 3 * L);
    }


    /** The dot-product kernel for few tokens (see the class comment). */
    static void dot(WeightMatrix w, float[] x, int n, float[] y) {
        int rows = w.rows(), cols = w.cols();
        int rb = Math.max(4, Math.min(64, BLOCK_BYTES / (4 * cols)) & ~3);
        // Enough blocks for every thread even when rows are few.
        while (rb > 4 && (rows + rb - 1) / rb < 2 * Parallel.threads()) rb -= 4;
        final int blockRows = rb;
        int blocks = (rows + rb - 1) / rb;
        Parallel.forEach(blocks, b -> {
            int r0 = b * blockRows, count = Math.min(blockRows, rows - r0);
            float[] wb = buffer(BUFFER, count * cols);
            w.rowsToFloat(r0, count, wb);
            for (int t0 = 0; t0 < n; t0 += TOKEN_CHUNK) {
                int t1 = Math.min(n, t0 + TOKEN_CHUNK);
                block(wb, count, cols, x, t0, t1, y, rows, r0);
            }
        });
    }

    private static float[] buffer(ThreadLocal<float[]> tl, int size) {
        float[] b = tl.get();
        if (b.length < size) {
            b = new float[size];
            tl.set(b);
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
                for (int i = 0; i < 4; i++) y[t * ldy + r0 + r + i] = SimdMath.dot(wb, (r + i) * cols, x, t * cols, cols);
            }
        }
        for (; r < count; r++) {
            for (int t = t0; t < t1; t++) y[t * ldy + r0 + r] = SimdMath.dot(wb, r * cols, x, t * cols, cols);
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
        float s00 = SimdMath.sum(a00), s01 = SimdMath.sum(a01);
        float s02 = SimdMath.sum(a02), s10 = SimdMath.sum(a10);
        float s11 = SimdMath.sum(a11), s12 = SimdMath.sum(a12);
        float s20 = SimdMath.sum(a20), s21 = SimdMath.sum(a21);
        float s22 = SimdMath.sum(a22), s30 = SimdMath.sum(a30);
        float s31 = SimdMath.sum(a31), s32 = SimdMath.sum(a32);
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
