package dev.tessera.engine.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link TiledAttention} on the Vector API (loaded only when {@link Simd#ENABLED}); the algorithm is described there. */
final class SimdAttention {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Queries per work item (3 vectors) and keys per block (a multiple of the 8-key micro-kernel). */
    static final int BQ = 3 * L, BK = TiledAttention.BK;
    private static final float BLOCKED = -Float.MAX_VALUE; // finfo(float32).min
    private static final double LOG2E = 1.4426950408889634;
    private static final float ROUND_MAGIC = 12582912f; // 1.5 * 2^23: (x + magic) - magic rounds x to an integer
    private static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);

    private SimdAttention() {}

    /** {@link TiledAttention#maskedPairs}. */
    static void maskedPairs(float[] q, int qOff, float[] k, int kOff, float[] v, int vOff, int stride, float[] out,
                            int n, int heads, int headDim, boolean[] masked, TiledAttention.Workspace ws) {
        if (n <= 0) return;
        int d = headDim, nPad = (n + BK - 1) / BK * BK;
        ws.ensure(heads * nPad * d);
        float[] kp = ws.k, vp = ws.v;
        Parallel.forEach(heads, h -> {
            int base = h * nPad * d;
            for (int j = 0; j < n; j++) {
                System.arraycopy(k, kOff + j * stride + h * d, kp, base + j * d, d);
                System.arraycopy(v, vOff + j * stride + h * d, vp, base + j * d, d);
            }
            Arrays.fill(kp, base + n * d, base + nPad * d, 0f);
            Arrays.fill(vp, base + n * d, base + nPad * d, 0f);
        });

        int kBlocks = nPad / BK, qBlocks = (n + BQ - 1) / BQ;
        // Per key block: 0 = no marked key, 1 = some, 2 = all marked (padding keys count as marked).
        byte[] keyBlock = new byte[kBlocks];
        boolean anyReal = false;
        for (int b = 0; b < kBlocks; b++) {
            int marked = 0;
            for (int j = b * BK; j < (b + 1) * BK; j++) {
                boolean mk = j >= n || (masked != null && masked[j]);
                if (mk) marked++;
                else anyReal = true;
            }
            keyBlock[b] = (byte) (marked == 0 ? 0 : marked == BK ? 2 : 1);
        }
        boolean canSkip = anyReal;
        float scale = (float) (LOG2E / Math.sqrt(d));
        Parallel.forEach(heads * qBlocks, item -> {
            int h = item / qBlocks, q0 = (item % qBlocks) * BQ;
            queryBlock(q, qOff + h * d, stride, kp, vp, h * nPad * d, out, h * d, heads * d, n, q0, d, scale,
                    masked, keyBlock, canSkip);
        });
    }

    /** Scratch of one work item. */
    private static final class Block {
        final float[] qt, ot, s, qMarked;
        final float[] m = new float[BQ], l = new float[BQ], alpha = new float[BQ], blockMax = new float[BQ];

        Block(int d) {
            qt = new float[d * BQ];
            ot = new float[d * BQ];
            s = new float[BK * BQ];
            qMarked = new float[BQ];
        }
    }

    private static final ThreadLocal<Block> SCRATCH = new ThreadLocal<>();

    private static Block scratch(int d) {
        Block b = SCRATCH.get();
        if (b == null || b.qt.length != d * BQ) {
            b = new Block(d);
            SCRATCH.set(b);
        }
        return b;
    }

    private static void queryBlock(float[] q, int qo, int stride, float[] kp, float[] vp, int kvBase, float[] out,
                                   int oo, int outStride, int n, int q0, int d, float scale, boolean[] masked,
                                   byte[] keyBlock, boolean canSkip) {
        Block b = scratch(d);
        int nq = Math.min(BQ, n - q0);
        // Q^T, pre-scaled by log2(e)/sqrt(d): qt[c*BQ + i] = q[q0 + i][c] * scale (zero for padding queries).
        float[] qt = b.qt;
        Arrays.fill(qt, 0f);
        int markedQueries = 0;
        for (int i = 0; i < BQ; i++) {
            boolean mk = i < nq && masked != null && masked[q0 + i];
            b.qMarked[i] = mk ? 1f : 0f;
            if (mk) markedQueries++;
        }
        for (int i = 0; i < nq; i++) {
            int src = qo + (q0 + i) * stride;
            for (int c = 0; c < d; c++) qt[c * BQ + i] = q[src + c] * scale;
        }
        boolean allMarked = markedQueries == nq, anyMarked = markedQueries > 0;
        VectorMask<Float> qm0 = FloatVector.fromArray(F, b.qMarked, 0).compare(VectorOperators.NE, 0f);
        VectorMask<Float> qm1 = FloatVector.fromArray(F, b.qMarked, L).compare(VectorOperators.NE, 0f);
        VectorMask<Float> qm2 = FloatVector.fromArray(F, b.qMarked, 2 * L).compare(VectorOperators.NE, 0f);

        Arrays.fill(b.ot, 0f);
        Arrays.fill(b.m, Float.NEGATIVE_INFINITY);
        Arrays.fill(b.l, 0f);
        float[] s = b.s;
        int kBlocks = keyBlock.length;
        for (int kb = 0; kb < kBlocks; kb++) {
            if (canSkip && allMarked && keyBlock[kb] == 2) continue;
            int j0 = kb * BK;
            Arrays.fill(b.blockMax, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < BK; j += 8) scores8x3(kp, kvBase + (j0 + j) * d, d, qt, s, j * BQ, b.blockMax);
            if (keyBlock[kb] != 0) {
                for (int j = 0; j < BK; j++) {
                    int key = j0 + j, so = j * BQ;
                    if (key >= n) {
                        Arrays.fill(s, so, so + BQ, Float.NEGATIVE_INFINITY);
                    } else if (anyMarked && masked[key]) {
                        FloatVector.fromArray(F, s, so).blend(BLOCKED, qm0).intoArray(s, so);
                        FloatVector.fromArray(F, s, so + L).blend(BLOCKED, qm1).intoArray(s, so + L);
                        FloatVector.fromArray(F, s, so + 2 * L).blend(BLOCKED, qm2).intoArray(s, so + 2 * L);
                    }
                }
                blockMax(s, b.blockMax);
            }
            softmaxStep(b, s);
            int c = 0;
            for (; c + 8 <= d; c += 8) pv8x3(vp, kvBase + j0 * d, d, c, s, b.ot, b.alpha);
            for (; c < d; c++) pv1x3(vp, kvBase + j0 * d, d, c, s, b.ot, b.alpha);
        }
        float[] ot = b.ot, l = b.l;
        for (int i = 0; i < nq; i++) {
            float inv = 1f / l[i];
            int dst = (q0 + i) * outStride + oo;
            for (int c = 0; c < d; c++) out[dst + c] = ot[c * BQ + i] * inv;
        }
    }

    /** The maximum of each query over the block, after the bias changed some scores. */
    private static void blockMax(float[] s, float[] blockMax) {
        for (int vq = 0; vq < BQ; vq += L) {
            FloatVector max = FloatVector.fromArray(F, s, vq);
            for (int j = 1; j < BK; j++) max = max.max(FloatVector.fromArray(F, s, j * BQ + vq));
            max.intoArray(blockMax, vq);
        }
    }

    /**
     * Online softmax over one key block, vectors along queries, in base 2: m_new = max(m, block max),
     * alpha = 2^(m - m_new), s := 2^(s - m_new), l := l * alpha + sum(s).
     *
     * <p>2^x for x <= 0 is computed in line (one copy, on purpose: a vector passed to or returned from a call
     * that C2 declines to inline is boxed, and inlining a helper twice into the attention loop hits C2's node
     * limit, which cost 2x). x = n + r with n an integer and |r| <= 1/2; a degree-6 polynomial for 2^r
     * (relative error below 1e-7, fitted to 2^r on [-1/2, 1/2]) times 2^n built in the exponent bits. x is
     * clamped at -125 (-inf and blocked scores included): 2^-125 is about 2.4e-38, nothing next to the weight
     * 1 of the row's maximum, and every result stays a normal float. Pass j = -1 turns alpha, which holds
     * m_old on entry, into 2^(m_old - m_new) and is left out of the sum.
     */
    private static void softmaxStep(Block b, float[] s) {
        FloatVector magic = FloatVector.broadcast(F, ROUND_MAGIC);
        FloatVector p6 = FloatVector.broadcast(F, 1.5337577497120947e-4f), p5 = FloatVector.broadcast(F, 1.3399859890341759e-3f);
        FloatVector p4 = FloatVector.broadcast(F, 9.618519805371761e-3f), p3 = FloatVector.broadcast(F, 5.550329014658928e-2f);
        FloatVector p2 = FloatVector.broadcast(F, 2.4022646248340607e-1f), p1 = FloatVector.broadcast(F, 6.931471824645996e-1f);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int vq = 0; vq < BQ; vq += L) {
            FloatVector mOld = FloatVector.fromArray(F, b.m, vq);
            FloatVector mNew = mOld.max(FloatVector.fromArray(F, b.blockMax, vq));
            mNew.intoArray(b.m, vq);
            mOld.intoArray(b.alpha, vq);
            FloatVector sum = FloatVector.zero(F);
            for (int j = -1; j < BK; j++) {
                float[] row = j < 0 ? b.alpha : s;
                int o = j < 0 ? vq : j * BQ + vq;
                FloatVector x = FloatVector.fromArray(F, row, o).sub(mNew).max(-125f);
                FloatVector t = x.add(magic);
                FloatVector r = x.sub(t.sub(magic));
                FloatVector y = r.fma(p6, p5).fma(r, p4).fma(r, p3).fma(r, p2).fma(r, p1).fma(r, one);
                IntVector e = t.reinterpretAsInts().sub(ROUND_MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23);
                FloatVector p = y.mul(e.reinterpretAsFloats());
                p.intoArray(row, o);
                sum = sum.add(p.mul(j < 0 ? 0f : 1f));
            }
            FloatVector.fromArray(F, b.l, vq).fma(FloatVector.fromArray(F, b.alpha, vq), sum).intoArray(b.l, vq);
        }
    }

    /**
     * s[so + r*BQ + v*L ..] = sum_c k[ko + r*d + c] * qt[c*BQ + v*L ..] for 8 keys r and 3 query vectors v;
     * folds the 8 keys' maximum into blockMax.
     */
    private static void scores8x3(float[] k, int ko, int d, float[] qt, float[] s, int so, float[] blockMax) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c50 = c00, c51 = c00, c52 = c00;
        FloatVector c60 = c00, c61 = c00, c62 = c00, c70 = c00, c71 = c00, c72 = c00;
        for (int c = 0; c < d; c++) {
            int qc = c * BQ, kc = ko + c;
            FloatVector q0 = FloatVector.fromArray(F, qt, qc);
            FloatVector q1 = FloatVector.fromArray(F, qt, qc + L);
            FloatVector q2 = FloatVector.fromArray(F, qt, qc + 2 * L);
            FloatVector a = FloatVector.broadcast(F, k[kc]);
            c00 = a.fma(q0, c00); c01 = a.fma(q1, c01); c02 = a.fma(q2, c02);
            a = FloatVector.broadcast(F, k[kc + d]);
            c10 = a.fma(q0, c10); c11 = a.fma(q1, c11); c12 = a.fma(q2, c12);
            a = FloatVector.broadcast(F, k[kc + 2 * d]);
            c20 = a.fma(q0, c20); c21 = a.fma(q1, c21); c22 = a.fma(q2, c22);
            a = FloatVector.broadcast(F, k[kc + 3 * d]);
            c30 = a.fma(q0, c30); c31 = a.fma(q1, c31); c32 = a.fma(q2, c32);
            a = FloatVector.broadcast(F, k[kc + 4 * d]);
            c40 = a.fma(q0, c40); c41 = a.fma(q1, c41); c42 = a.fma(q2, c42);
            a = FloatVector.broadcast(F, k[kc + 5 * d]);
            c50 = a.fma(q0, c50); c51 = a.fma(q1, c51); c52 = a.fma(q2, c52);
            a = FloatVector.broadcast(F, k[kc + 6 * d]);
            c60 = a.fma(q0, c60); c61 = a.fma(q1, c61); c62 = a.fma(q2, c62);
            a = FloatVector.broadcast(F, k[kc + 7 * d]);
            c70 = a.fma(q0, c70); c71 = a.fma(q1, c71); c72 = a.fma(q2, c72);
        }
        c00.intoArray(s, so); c01.intoArray(s, so + L); c02.intoArray(s, so + 2 * L);
        c10.intoArray(s, so + BQ); c11.intoArray(s, so + BQ + L); c12.intoArray(s, so + BQ + 2 * L);
        c20.intoArray(s, so + 2 * BQ); c21.intoArray(s, so + 2 * BQ + L); c22.intoArray(s, so + 2 * BQ + 2 * L);
        c30.intoArray(s, so + 3 * BQ); c31.intoArray(s, so + 3 * BQ + L); c32.intoArray(s, so + 3 * BQ + 2 * L);
        c40.intoArray(s, so + 4 * BQ); c41.intoArray(s, so + 4 * BQ + L); c42.intoArray(s, so + 4 * BQ + 2 * L);
        c50.intoArray(s, so + 5 * BQ); c51.intoArray(s, so + 5 * BQ + L); c52.intoArray(s, so + 5 * BQ + 2 * L);
        c60.intoArray(s, so + 6 * BQ); c61.intoArray(s, so + 6 * BQ + L); c62.intoArray(s, so + 6 * BQ + 2 * L);
        c70.intoArray(s, so + 7 * BQ); c71.intoArray(s, so + 7 * BQ + L); c72.intoArray(s, so + 7 * BQ + 2 * L);
        c00.max(c10).max(c20.max(c30)).max(c40.max(c50).max(c60.max(c70)))
                .max(FloatVector.fromArray(F, blockMax, 0)).intoArray(blockMax, 0);
        c01.max(c11).max(c21.max(c31)).max(c41.max(c51).max(c61.max(c71)))
                .max(FloatVector.fromArray(F, blockMax, L)).intoArray(blockMax, L);
        c02.max(c12).max(c22.max(c32)).max(c42.max(c52).max(c62.max(c72)))
                .max(FloatVector.fromArray(F, blockMax, 2 * L)).intoArray(blockMax, 2 * L);
    }

    /**
     * ot[(c0+r)*BQ + v*L ..] = alpha * ot[..] + sum_j v[vo + j*d + c0 + r] * p[j*BQ + v*L ..] over the BK keys,
     * for 8 dims r and 3 query vectors v.
     */
    private static void pv8x3(float[] v, int vo, int d, int c0, float[] p, float[] ot, float[] alpha) {
        FloatVector al0 = FloatVector.fromArray(F, alpha, 0);
        FloatVector al1 = FloatVector.fromArray(F, alpha, L);
        FloatVector al2 = FloatVector.fromArray(F, alpha, 2 * L);
        int o = c0 * BQ;
        FloatVector c00 = FloatVector.fromArray(F, ot, o).mul(al0);
        FloatVector c01 = FloatVector.fromArray(F, ot, o + L).mul(al1);
        FloatVector c02 = FloatVector.fromArray(F, ot, o + 2 * L).mul(al2);
        FloatVector c10 = FloatVector.fromArray(F, ot, o + BQ).mul(al0);
        FloatVector c11 = FloatVector.fromArray(F, ot, o + BQ + L).mul(al1);
        FloatVector c12 = FloatVector.fromArray(F, ot, o + BQ + 2 * L).mul(al2);
        FloatVector c20 = FloatVector.fromArray(F, ot, o + 2 * BQ).mul(al0);
        FloatVector c21 = FloatVector.fromArray(F, ot, o + 2 * BQ + L).mul(al1);
        FloatVector c22 = FloatVector.fromArray(F, ot, o + 2 * BQ + 2 * L).mul(al2);
        FloatVector c30 = FloatVector.fromArray(F, ot, o + 3 * BQ).mul(al0);
        FloatVector c31 = FloatVector.fromArray(F, ot, o + 3 * BQ + L).mul(al1);
        FloatVector c32 = FloatVector.fromArray(F, ot, o + 3 * BQ + 2 * L).mul(al2);
        FloatVector c40 = FloatVector.fromArray(F, ot, o + 4 * BQ).mul(al0);
        FloatVector c41 = FloatVector.fromArray(F, ot, o + 4 * BQ + L).mul(al1);
        FloatVector c42 = FloatVector.fromArray(F, ot, o + 4 * BQ + 2 * L).mul(al2);
        FloatVector c50 = FloatVector.fromArray(F, ot, o + 5 * BQ).mul(al0);
        FloatVector c51 = FloatVector.fromArray(F, ot, o + 5 * BQ + L).mul(al1);
        FloatVector c52 = FloatVector.fromArray(F, ot, o + 5 * BQ + 2 * L).mul(al2);
        FloatVector c60 = FloatVector.fromArray(F, ot, o + 6 * BQ).mul(al0);
        FloatVector c61 = FloatVector.fromArray(F, ot, o + 6 * BQ + L).mul(al1);
        FloatVector c62 = FloatVector.fromArray(F, ot, o + 6 * BQ + 2 * L).mul(al2);
        FloatVector c70 = FloatVector.fromArray(F, ot, o + 7 * BQ).mul(al0);
        FloatVector c71 = FloatVector.fromArray(F, ot, o + 7 * BQ + L).mul(al1);
        FloatVector c72 = FloatVector.fromArray(F, ot, o + 7 * BQ + 2 * L).mul(al2);
        for (int j = 0; j < BK; j++) {
            int pj = j * BQ, vj = vo + j * d + c0;
            FloatVector p0 = FloatVector.fromArray(F, p, pj);
            FloatVector p1 = FloatVector.fromArray(F, p, pj + L);
            FloatVector p2 = FloatVector.fromArray(F, p, pj + 2 * L);
            FloatVector a = FloatVector.broadcast(F, v[vj]);
            c00 = a.fma(p0, c00); c01 = a.fma(p1, c01); c02 = a.fma(p2, c02);
            a = FloatVector.broadcast(F, v[vj + 1]);
            c10 = a.fma(p0, c10); c11 = a.fma(p1, c11); c12 = a.fma(p2, c12);
            a = FloatVector.broadcast(F, v[vj + 2]);
            c20 = a.fma(p0, c20); c21 = a.fma(p1, c21); c22 = a.fma(p2, c22);
            a = FloatVector.broadcast(F, v[vj + 3]);
            c30 = a.fma(p0, c30); c31 = a.fma(p1, c31); c32 = a.fma(p2, c32);
            a = FloatVector.broadcast(F, v[vj + 4]);
            c40 = a.fma(p0, c40); c41 = a.fma(p1, c41); c42 = a.fma(p2, c42);
            a = FloatVector.broadcast(F, v[vj + 5]);
            c50 = a.fma(p0, c50); c51 = a.fma(p1, c51); c52 = a.fma(p2, c52);
            a = FloatVector.broadcast(F, v[vj + 6]);
            c60 = a.fma(p0, c60); c61 = a.fma(p1, c61); c62 = a.fma(p2, c62);
            a = FloatVector.broadcast(F, v[vj + 7]);
            c70 = a.fma(p0, c70); c71 = a.fma(p1, c71); c72 = a.fma(p2, c72);
        }
        c00.intoArray(ot, o); c01.intoArray(ot, o + L); c02.intoArray(ot, o + 2 * L);
        c10.intoArray(ot, o + BQ); c11.intoArray(ot, o + BQ + L); c12.intoArray(ot, o + BQ + 2 * L);
        c20.intoArray(ot, o + 2 * BQ); c21.intoArray(ot, o + 2 * BQ + L); c22.intoArray(ot, o + 2 * BQ + 2 * L);
        c30.intoArray(ot, o + 3 * BQ); c31.intoArray(ot, o + 3 * BQ + L); c32.intoArray(ot, o + 3 * BQ + 2 * L);
        c40.intoArray(ot, o + 4 * BQ); c41.intoArray(ot, o + 4 * BQ + L); c42.intoArray(ot, o + 4 * BQ + 2 * L);
        c50.intoArray(ot, o + 5 * BQ); c51.intoArray(ot, o + 5 * BQ + L); c52.intoArray(ot, o + 5 * BQ + 2 * L);
        c60.intoArray(ot, o + 6 * BQ); c61.intoArray(ot, o + 6 * BQ + L); c62.intoArray(ot, o + 6 * BQ + 2 * L);
        c70.intoArray(ot, o + 7 * BQ); c71.intoArray(ot, o + 7 * BQ + L); c72.intoArray(ot, o + 7 * BQ + 2 * L);
    }

    /** The same for one dim (head sizes that are not a multiple of 8). */
    private static void pv1x3(float[] v, int vo, int d, int c, float[] p, float[] ot, float[] alpha) {
        int o = c * BQ;
        FloatVector c0 = FloatVector.fromArray(F, ot, o).mul(FloatVector.fromArray(F, alpha, 0));
        FloatVector c1 = FloatVector.fromArray(F, ot, o + L).mul(FloatVector.fromArray(F, alpha, L));
        FloatVector c2 = FloatVector.fromArray(F, ot, o + 2 * L).mul(FloatVector.fromArray(F, alpha, 2 * L));
        for (int j = 0; j < BK; j++) {
            FloatVector a = FloatVector.broadcast(F, v[vo + j * d + c]);
            int pj = j * BQ;
            c0 = a.fma(FloatVector.fromArray(F, p, pj), c0);
            c1 = a.fma(FloatVector.fromArray(F, p, pj + L), c1);
            c2 = a.fma(FloatVector.fromArray(F, p, pj + 2 * L), c2);
        }
        c0.intoArray(ot, o);
        c1.intoArray(ot, o + L);
        c2.intoArray(ot, o + 2 * L);
    }
}
