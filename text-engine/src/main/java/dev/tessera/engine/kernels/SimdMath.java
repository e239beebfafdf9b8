package dev.tessera.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API versions of {@link VectorMath}'s kernels (loaded only when {@link Simd#ENABLED}), and
 * {@link #sum}, the fixed-order lane sum every vector kernel ends with.
 */
public final class SimdMath {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /**
     * Shuffles for {@link #sum}'s fixed pairwise order: FOLD_n moves lane j + n onto lane j. Constants (static
     * final, one per step, no loop) so that C2 intrinsifies the rearranges: a shuffle read from an array in a
     * loop made it fall back to the boxed Java implementation, allocating on every call.
     */
    private static final VectorShuffle<Float> FOLD_8 = fold(8), FOLD_4 = fold(4), FOLD_2 = fold(2), FOLD_1 = fold(1);

    private SimdMath() {}

    /** Floats per vector at the preferred width. */
    static int lanes() {
        return F.length();
    }

    private static VectorShuffle<Float> fold(int n) {
        return n < F.length() ? VectorShuffle.iota(F, n, 1, true) : null;
    }

    /**
     * The sum of v's lanes in a fixed pairwise order. {@code reduceLanes(ADD)} leaves the order open, and the
     * JIT-compiled and the interpreted code do use different orders, so the same inputs could give results that
     * differ in the last bit depending on warm-up; with this the engine's outputs are reproducible bit for bit.
     */
    public static float sum(FloatVector v) {
        int lanes = F.length();
        if (lanes > 16) return sumLanes(v);
        if (lanes == 16) v = v.add(v.rearrange(FOLD_8));
        if (lanes >= 8) v = v.add(v.rearrange(FOLD_4));
        if (lanes >= 4) v = v.add(v.rearrange(FOLD_2));
        if (lanes >= 2) v = v.add(v.rearrange(FOLD_1));
        return v.lane(0);
    }

    /** The same order for wider vectors than today's (not reached on x86 or ARM). */
    private static float sumLanes(FloatVector v) {
        float[] a = v.toArray();
        for (int half = a.length / 2; half >= 1; half /= 2) {
            for (int j = 0; j < half; j++) a[j] = a[j] + a[j + half];
        }
        return a[0];
    }


    /** sum_i a[ao+i] * b[bo+i]; four independent accumulators so the FMA chain does not serialise. */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int L = F.length(), i = 0;
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (; i + 4 * L <= n; i += 4 * L) {
            s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
            s1 = FloatVector.fromArray(F, a, ao + i + L).fma(FloatVector.fromArray(F, b, bo + i + L), s1);
            s2 = FloatVector.fromArray(F, a, ao + i + 2 * L).fma(FloatVector.fromArray(F, b, bo + i + 2 * L), s2);
            s3 = FloatVector.fromArray(F, a, ao + i + 3 * L).fma(FloatVector.fromArray(F, b, bo + i + 3 * L), s3);
        }
        for (; i + L <= n; i += L) {
            s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
        }
        float s = sum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    /** y[yo+i] += alpha * x[xo+i]. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int L = F.length(), i = 0;
        FloatVector va = FloatVector.broadcast(F, alpha);
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(F, x, xo + i).fma(va, FloatVector.fromArray(F, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    /** y[i] += x[i] over n elements. */
    public static void add(float[] x, float[] y, int n) {
        int L = F.length(), i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(F, y, i).add(FloatVector.fromArray(F, x, i)).intoArray(y, i);
        }
        for (; i < n; i++) y[i] += x[i];
    }

    /** x[i] *= s. */
    public static void scale(float[] x, int off, int n, float s) {
        int L = F.length(), i = 0;
        for (; i + L <= n; i += L) FloatVector.fromArray(F, x, off + i).mul(s).intoArray(x, off + i);
        for (; i < n; i++) x[off + i] *= s;
    }

    static void rmsNormRow(float[] x, int xo, float[] out, int oo, float[] w, int dim, float eps) {
        float ss = dot(x, xo, x, xo, dim) / dim;
        float inv = (float) (1.0 / Math.sqrt(ss + eps));
        int L = F.length(), i = 0;
        for (; i + L <= dim; i += L) {
            FloatVector.fromArray(F, x, xo + i).mul(inv).mul(FloatVector.fromArray(F, w, i)).intoArray(out, oo + i);
        }
        for (; i < dim; i++) out[oo + i] = w[i] * (x[xo + i] * inv);
    }

    static void layerNormRow(float[] x, int xo, float[] out, int oo, float[] w, float[] b, int dim, float eps) {
        int L = F.length(), i = 0;
        FloatVector acc = FloatVector.zero(F);
        for (; i + L <= dim; i += L) acc = acc.add(FloatVector.fromArray(F, x, xo + i));
        float sum = sum(acc);
        for (; i < dim; i++) sum += x[xo + i];
        float mean = sum / dim;
        FloatVector vm = FloatVector.broadcast(F, mean);
        acc = FloatVector.zero(F);
        for (i = 0; i + L <= dim; i += L) {
            FloatVector d = FloatVector.fromArray(F, x, xo + i).sub(vm);
            acc = d.fma(d, acc);
        }
        float var = sum(acc);
        for (; i < dim; i++) {
            float d = x[xo + i] - mean;
            var += d * d;
        }
        var /= dim;
        float inv = (float) (1.0 / Math.sqrt(var + eps));
        for (i = 0; i + L <= dim; i += L) {
            FloatVector.fromArray(F, x, xo + i).sub(vm).mul(inv).fma(FloatVector.fromArray(F, w, i), FloatVector.fromArray(F, b, i))
                    .intoArray(out, oo + i);
        }
        for (; i < dim; i++) out[oo + i] = (x[xo + i] - mean) * inv * w[i] + b[i];
    }

    /** Rows [from, to) of {@link VectorMath#addGated}. */
    static void addGatedRows(float[] x, float[] y, float[] bias, float gate, int cols, int from, int to) {
        int L = F.length();
        FloatVector g = FloatVector.broadcast(F, gate);
        for (int r = from; r < to; r++) {
            int o = r * cols, c = 0;
            for (; c + L <= cols; c += L) {
                FloatVector v = FloatVector.fromArray(F, y, o + c);
                if (bias != null) v = v.add(FloatVector.fromArray(F, bias, c));
                v.fma(g, FloatVector.fromArray(F, x, o + c)).intoArray(x, o + c);
            }
            for (; c < cols; c++) x[o + c] += gate * (bias == null ? y[o + c] : y[o + c] + bias[c]);
        }
    }
}
