package dev.tessera.engine.kernels;

/**
 * Element-wise and reduction kernels on float32 activations (norms, softmax, activations, residuals). Each
 * runs {@link SimdMath}'s Vector API code, or {@link ScalarKernels}' plain loops when {@link Simd#ENABLED} is
 * false (a constant: C2 keeps only one branch).
 */
public final class VectorMath {
    private VectorMath() {}

    /** sum_i a[ao+i] * b[bo+i]. */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        return Simd.ENABLED ? SimdMath.dot(a, ao, b, bo, n) : ScalarKernels.dot(a, ao, b, bo, n);
    }

    /** y[yo+i] += alpha * x[xo+i]. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        if (Simd.ENABLED) SimdMath.axpy(alpha, x, xo, y, yo, n);
        else ScalarKernels.axpy(alpha, x, xo, y, yo, n);
    }

    /** y[i] += x[i] over n elements. */
    public static void add(float[] x, float[] y, int n) {
        if (Simd.ENABLED) SimdMath.add(x, y, n);
        else ScalarKernels.add(x, y, n);
    }

    /** x[i] *= s. */
    public static void scale(float[] x, int off, int n, float s) {
        if (Simd.ENABLED) SimdMath.scale(x, off, n, s);
        else ScalarKernels.scale(x, off, n, s);
    }

    /**
     * Llama RMSNorm of each of {@code rows} rows of width {@code dim}: out = x / sqrt(mean(x^2) + eps) * w.
     * Computed in float32 like the reference (variance in float32, then rsqrt, then multiply by weight).
     */
    public static void rmsNorm(float[] x, float[] out, float[] w, int rows, int dim, float eps) {
        for (int r = 0; r < rows; r++) rmsNormRow(x, r * dim, out, r * dim, w, dim, eps);
    }

    public static void rmsNormRow(float[] x, int xo, float[] out, int oo, float[] w, int dim, float eps) {
        if (Simd.ENABLED) SimdMath.rmsNormRow(x, xo, out, oo, w, dim, eps);
        else ScalarKernels.rmsNormRow(x, xo, out, oo, w, dim, eps);
    }

    /** LayerNorm of each row: (x - mean) / sqrt(var + eps) * w + b (biased variance, as torch). */
    public static void layerNorm(float[] x, float[] out, float[] w, float[] b, int rows, int dim, float eps) {
        Parallel.forRange(rows, 16, (from, to) -> {
            for (int r = from; r < to; r++) layerNormRow(x, r * dim, out, r * dim, w, b, dim, eps);
        });
    }

    public static void layerNormRow(float[] x, int xo, float[] out, int oo, float[] w, float[] b, int dim, float eps) {
        if (Simd.ENABLED) SimdMath.layerNormRow(x, xo, out, oo, w, b, dim, eps);
        else ScalarKernels.layerNormRow(x, xo, out, oo, w, b, dim, eps);
    }

    /**
     * The gated residual of a vision layer: x[r][c] += gate * (y[r][c] + bias[c]) over rows x cols
     * (bias may be null; gate 1 for ungated layers, tanh(gate) for the global ones).
     */
    public static void addGated(float[] x, float[] y, float[] bias, float gate, int rows, int cols) {
        Parallel.forRange(rows, Math.max(1, 16384 / cols), (from, to) -> {
            if (Simd.ENABLED) SimdMath.addGatedRows(x, y, bias, gate, cols, from, to);
            else ScalarKernels.addGatedRows(x, y, bias, gate, cols, from, to);
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
