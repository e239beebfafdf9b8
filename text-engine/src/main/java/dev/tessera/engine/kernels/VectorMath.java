package dev.tessera.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** Element-wise and reduction kernels on float32 activations (norms, softmax, activations, residuals). */
public final class VectorMath {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /** HALVES[i] moves lane j + L/2^(i+1) onto lane j: the steps of {@link #sum}'s fixed pairwise order. */
    private static final VectorShuffle<Float>[] HALVES = halves();

    private VectorMath() {}

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] halves() {
        int steps = Integer.numberOfTrailingZeros(F.length());
        VectorShuffle<Float>[] h = new VectorShuffle[steps];
        for (int i = 0; i < steps; i++) h[i] = VectorShuffle.iota(F, F.length() >> (i + 1), 1, true);
        return h;
    }

    /**
     * The sum of v's lanes in a fixed pairwise order. {@code reduceLanes(ADD)} leaves the order open, and the
     * JIT-compiled and the interpreted code do use different orders, so the same inputs could give results that
     * differ in the last bit depending on warm-up; with this the engine's outputs are reproducible bit for bit.
     */
    public static float sum(FloatVector v) {
        for (VectorShuffle<Float> h : HALVES) v = v.add(v.rearrange(h));
        return v.lane(0);
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

    /**
     * Llama RMSNorm of each of {@code rows} rows of width {@code dim}: out = x / sqrt(mean(x^2) + eps) * w.
     * Computed in float32 like the reference (variance in float32, then rsqrt, then multiply by weight).
     */
    public static void rmsNorm(float[] x, float[] out, float[] w, int rows, int dim, float eps) {
        for (int r = 0; r < rows; r++) rmsNormRow(x, r * dim, out, r * dim, w, dim, eps);
    }

    public static void rmsNormRow(float[] x, int xo, float[] out, int oo, float[] w, int dim, float eps) {
        float ss = dot(x, xo, x, xo, dim) / dim;
        float inv = (float) (1.0 / Math.sqrt(ss + eps));
        int L = F.length(), i = 0;
        for (; i + L <= dim; i += L) {
            FloatVector.fromArray(F, x, xo + i).mul(inv).mul(FloatVector.fromArray(F, w, i)).intoArray(out, oo + i);
        }
        for (; i < dim; i++) out[oo + i] = w[i] * (x[xo + i] * inv);
    }

    /** LayerNorm of each row: (x - mean) / sqrt(var + eps) * w + b (biased variance, as torch). */
    public static void layerNorm(float[] x, float[] out, float[] w, float[] b, int rows, int dim, float eps) {
        Parallel.forRange(rows, 16, (from, to) -> {
            for (int r = from; r < to; r++) layerNormRow(x, r * dim, out, r * dim, w, b, dim, eps);
        });
    }

    public static void layerNormRow(float[] x, int xo, float[] out, int oo, float[] w, float[] b, int dim, float eps) {
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

    /**
     * The gated residual of a vision layer: x[r][c] += gate * (y[r][c] + bias[c]) over rows x cols
     * (bias may be null; gate 1 for ungated layers, tanh(gate) for the global ones).
     */
    public static void addGated(float[] x, float[] y, float[] bias, float gate, int rows, int cols) {
        Parallel.forRange(rows, Math.max(1, 16384 / cols), (from, to) -> {
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
        });
    }

    /** In-place softmax over x[off..off+n). */
    public static void softmax(float[] x, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, x[off + i]);
        float sum = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int i = 0; i < n; i++) x[off + i] *= inv;
    }

    /** gate[i] = silu(gate[i]) * up[i]: the SwiGLU of the Llama MLP. */
    public static void siluMul(float[] gate, float[] up, int n) {
        Parallel.forRange(n, 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                float g = gate[i];
                gate[i] = (float) (g / (1.0 + Math.exp(-g))) * up[i];
            }
        });
    }

    /** x[i] = gelu(x[i]) with the exact erf form (torch nn.GELU default), see {@link Gelu}. */
    public static void gelu(float[] x, int n) {
        Gelu.apply(x, n);
    }

    /** Index of the largest value, first index on ties. */
    public static int argmax(float[] x, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (x[i] > x[best]) best = i;
        return best;
    }
}
