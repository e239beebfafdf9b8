package dev.tessera.engine.kernels;

import dev.tessera.engine.tensor.WeightMatrix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The kernels in plain Java, for a JVM without the Vector API (see {@link Simd}): the same math as the
 * {@code Simd*} classes in simple loops with float32 accumulation, one element at a time. Only the order of
 * the additions differs (one running sum here, several vector lanes there), so results agree to float32
 * rounding, not bit for bit. Not tuned: correctness first, the vector path is the fast one.
 */
public final class ScalarKernels {
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<float[]> ROWS = ThreadLocal.withInitial(() -> new float[0]);
    /** Weight rows widened per task of {@link #multiply}: 64 KiB of floats, a share of L2. */
    private static final int BLOCK_FLOATS = 16 << 10;

    private ScalarKernels() {}

    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    public static void add(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] += x[i];
    }

    public static void scale(float[] x, int off, int n, float s) {
        for (int i = 0; i < n; i++) x[off + i] *= s;
    }

    public static void rmsNormRow(float[] x, int xo, float[] out, int oo, float[] w, int dim, float eps) {
        float ss = dot(x, xo, x, xo, dim) / dim;
        float inv = (float) (1.0 / Math.sqrt(ss + eps));
        for (int i = 0; i < dim; i++) out[oo + i] = w[i] * (x[xo + i] * inv);
    }

    public static void layerNormRow(float[] x, int xo, float[] out, int oo, float[] w, float[] b, int dim, float eps) {
        float sum = 0;
        for (int i = 0; i < dim; i++) sum += x[xo + i];
        float mean = sum / dim, var = 0;
        for (int i = 0; i < dim; i++) {
            float d = x[xo + i] - mean;
            var += d * d;
        }
        var /= dim;
        float inv = (float) (1.0 / Math.sqrt(var + eps));
        for (int i = 0; i < dim; i++) out[oo + i] = (x[xo + i] - mean) * inv * w[i] + b[i];
    }

    /** Rows [from, to) of x[r][c] += gate * (y[r][c] + bias[c]); bias may be null. */
    public static void addGatedRows(float[] x, float[] y, float[] bias, float gate, int cols, int from, int to) {
        for (int r = from; r < to; r++) {
            int o = r * cols;
            for (int c = 0; c < cols; c++) x[o + c] += gate * (bias == null ? y[o + c] : y[o + c] + bias[c]);
        }
    }

    /** Widens n bf16 values at byte offset off of seg into dst[dstOff..] (exact: the bits shifted left by 16). */
    public static void bf16ToFloats(MemorySegment seg, long off, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = Bf16.toFloat(seg.get(SHORT_LE, off + 2L * i));
    }

    /** sum_k bf16(seg at off + 2k) * x[xo + k] over n weights. */
    public static float bf16Dot(MemorySegment seg, long off, float[] x, int xo, int n) {
        float s = 0;
        for (int k = 0; k < n; k++) s += Bf16.toFloat(seg.get(SHORT_LE, off + 2L * k)) * x[xo + k];
        return s;
    }

    /** x[i] = gelu(x[i] + bias[i - biasBase]) for i in [from, to), bias may be null; the double-precision erf form. */
    static void gelu(float[] x, int from, int to, float[] bias, int biasBase) {
        for (int i = from; i < to; i++) x[i] = Gelu.scalar(bias == null ? x[i] : x[i] + bias[i - biasBase]);
    }

    /**
     * Y (n, rows) = X (n, cols) . W^T: blocks of weight rows widened once (in parallel over blocks), each row
     * dotted with every token.
     */
    public static void multiply(WeightMatrix w, float[] x, int n, float[] y) {
        int rows = w.rows(), cols = w.cols();
        int blockRows = Math.max(1, Math.min(rows, BLOCK_FLOATS / Math.max(1, cols)));
        int blocks = (rows + blockRows - 1) / blockRows;
        Parallel.forEach(blocks, b -> {
            int r0 = b * blockRows, count = Math.min(blockRows, rows - r0);
            float[] wb = ROWS.get();
            if (wb.length < count * cols) {
                wb = new float[count * cols];
                ROWS.set(wb);
            }
            w.rowsToFloat(r0, count, wb);
            for (int r = 0; r < count; r++) {
                for (int t = 0; t < n; t++) y[t * rows + r0 + r] = dot(wb, r * cols, x, t * cols, cols);
            }
        });
    }
}
