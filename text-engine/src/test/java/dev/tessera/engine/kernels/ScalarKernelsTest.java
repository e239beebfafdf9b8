package dev.tessera.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.tensor.DType;
import dev.tessera.engine.tensor.F32Matrix;
import dev.tessera.engine.tensor.WeightMatrix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scalar fallback against the Vector API kernels on random data, both called directly (in one JVM the
 * {@link Simd} switch is fixed). They differ only in the order of float32 additions, so each result must agree
 * within 1e-5 of its magnitude (the sum of the absolute terms); widening bf16 is exact in both.
 */
class ScalarKernelsTest {
    private static final double REL = 1e-5;
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static float[] gaussian(Random r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextGaussian() * scale);
        return a;
    }

    static void assertClose(double want, double got, double magnitude, String what) {
        assertTrue(Math.abs(want - got) <= REL * magnitude + 1e-30,
                what + ": vector " + want + " vs scalar " + got + " (magnitude " + magnitude + ")");
    }

    @Test
    void simdIsOnInTheTestJvm() {
        // the tests below compare two paths only if the vector one is real; surefire adds the module
        assertTrue(Simd.ENABLED, "the test JVM should have --add-modules jdk.incubator.vector");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 63, 64, 65, 257, 1000, 4099})
    void dotAxpyAddScaleAgree(int n) {
        Random r = new Random(n);
        float[] a = gaussian(r, n + 3, 1), b = gaussian(r, n + 5, 2);
        double mag = 0;
        for (int i = 0; i < n; i++) mag += Math.abs(a[3 + i] * b[5 + i]);
        assertClose(SimdMath.dot(a, 3, b, 5, n), ScalarKernels.dot(a, 3, b, 5, n), mag, "dot n=" + n);

        float[] yv = b.clone(), ys = b.clone();
        SimdMath.axpy(0.37f, a, 3, yv, 5, n);
        ScalarKernels.axpy(0.37f, a, 3, ys, 5, n);
        for (int i = 0; i < ys.length; i++) assertClose(yv[i], ys[i], Math.abs(b[i]) + Math.abs(0.37 * a[Math.max(0, i - 2)]), "axpy " + i);

        float[] av = a.clone(), as = a.clone();
        SimdMath.add(b, av, n);
        ScalarKernels.add(b, as, n);
        assertArrayEquals(av, as, "add");   // one rounding per element in both
        SimdMath.scale(av, 2, n, -1.5f);
        ScalarKernels.scale(as, 2, n, -1.5f);
        assertArrayEquals(av, as, "scale");
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 48, 64, 100, 1280})
    void normsAndGatedResidualAgree(int dim) {
        Random r = new Random(dim);
        int rows = 3;
        float[] x = gaussian(r, rows * dim, 3), w = gaussian(r, dim, 1), b = gaussian(r, dim, 1), y = gaussian(r, rows * dim, 1);
        float[] v = new float[rows * dim], s = new float[rows * dim];
        for (int row = 0; row < rows; row++) {
            SimdMath.rmsNormRow(x, row * dim, v, row * dim, w, dim, 1e-5f);
            ScalarKernels.rmsNormRow(x, row * dim, s, row * dim, w, dim, 1e-5f);
        }
        for (int i = 0; i < v.length; i++) assertClose(v[i], s[i], Math.abs(w[i % dim]) * (1 + Math.abs(x[i])), "rmsNorm " + i);
        for (int row = 0; row < rows; row++) {
            SimdMath.layerNormRow(x, row * dim, v, row * dim, w, b, dim, 1e-5f);
            ScalarKernels.layerNormRow(x, row * dim, s, row * dim, w, b, dim, 1e-5f);
        }
        for (int i = 0; i < v.length; i++) {
            assertClose(v[i], s[i], Math.abs(w[i % dim]) * (1 + Math.abs(x[i])) + Math.abs(b[i % dim]), "layerNorm " + i);
        }
        for (float[] bias : new float[][] {null, b}) {
            float[] xv = x.clone(), xs = x.clone();
            SimdMath.addGatedRows(xv, y, bias, 0.8f, dim, 0, rows);
            ScalarKernels.addGatedRows(xs, y, bias, 0.8f, dim, 0, rows);
            for (int i = 0; i < xv.length; i++) {
                assertClose(xv[i], xs[i], Math.abs(x[i]) + Math.abs(y[i]) + (bias == null ? 0 : Math.abs(b[i % dim])), "addGated " + i);
            }
        }
    }

    /** n random bf16 values (finite) at byte 6 of a segment, so the loads are unaligned. */
    static MemorySegment bf16(Random r, int n) {
        MemorySegment seg = Arena.ofAuto().allocate(6 + 2L * n);
        for (int i = 0; i < n; i++) seg.set(SHORT_LE, 6 + 2L * i, Bf16.fromFloat((float) r.nextGaussian()));
        return seg;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 64, 100, 777})
    void bf16WideningIsExactAndDotsAgree(int n) {
        Random r = new Random(n + 100);
        MemorySegment seg = bf16(r, n);
        float[] v = new float[n + 2], s = new float[n + 2];
        SimdBf16.toFloats(seg, 6, v, 2, n);
        ScalarKernels.bf16ToFloats(seg, 6, s, 2, n);
        assertArrayEquals(v, s, "bf16 -> f32");
        float[] x = gaussian(r, n + 1, 1);
        double mag = 0;
        for (int k = 0; k < n; k++) mag += Math.abs(s[2 + k] * x[1 + k]);
        assertClose(SimdBf16.dot(seg, 6, x, 1, n), ScalarKernels.bf16Dot(seg, 6, x, 1, n), mag, "bf16 dot n=" + n);
    }

    @Test
    void geluAgrees() {
        Random r = new Random(5);
        int n = 4099;
        float[] x = gaussian(r, n, 3), bias = gaussian(r, n, 1);
        x[0] = 0f;
        x[1] = -10f;
        x[2] = 10f;
        for (float[] b : new float[][] {null, bias}) {
            float[] v = x.clone(), s = x.clone();
            SimdGelu.range(v, 0, n, b, 0);
            ScalarKernels.gelu(s, 0, n, b, 0);
            for (int i = 0; i < n; i++) assertClose(v[i], s[i], Math.max(1, Math.abs(v[i])) / 10, "gelu " + i); // 1e-6 abs
        }
    }

    /** Both GEMM kernels of SimdGemm (few tokens: dot; 12 or more: packed) against the scalar product. */
    @ParameterizedTest
    @CsvSource({"1, 7, 5, F32", "3, 64, 48, BF16", "11, 65, 33, F32", "12, 64, 32, BF16", "37, 130, 200, BF16", "100, 96, 17, F32"})
    void gemmAgrees(int n, int rows, int cols, DType type) {
        Random r = new Random(n * 100L + rows);
        float[] x = gaussian(r, n * cols, 1);
        WeightMatrix w = type == DType.F32 ? new F32Matrix("w", gaussian(r, rows * cols, 1), rows, cols)
                : WeightMatrix.of("w", DType.BF16, bf16(r, rows * cols).asSlice(6), rows, cols);
        float[] wf = new float[rows * cols];
        w.rowsToFloat(0, rows, wf);
        float[] v = new float[n * rows], s = new float[n * rows];
        SimdGemm.multiply(w, x, n, v);
        ScalarKernels.multiply(w, x, n, s);
        for (int t = 0; t < n; t++) {
            for (int o = 0; o < rows; o++) {
                double mag = 0;
                for (int k = 0; k < cols; k++) mag += Math.abs(x[t * cols + k] * wf[o * cols + k]);
                assertClose(v[t * rows + o], s[t * rows + o], mag, "gemm [" + t + "," + o + "] n=" + n);
            }
        }
    }

    /** mask: none | some (random) | all. */
    @ParameterizedTest
    @CsvSource({"1, 1, 8, none", "5, 2, 8, some", "49, 2, 80, some", "100, 4, 8, none", "131, 2, 80, some",
            "96, 2, 16, all", "33, 1, 5, some"})
    void attentionAgrees(int n, int heads, int d, String mask) {
        Random r = new Random(n * 31L + d);
        int hd = heads * d, stride = 3 * hd;
        float[] qkv = gaussian(r, n * stride, 1.5);
        boolean[] masked = mask.equals("none") ? null : new boolean[n];
        if (masked != null) for (int i = 0; i < n; i++) masked[i] = mask.equals("all") || r.nextInt(3) == 0;
        float[] v = new float[n * hd], s = new float[n * hd];
        SimdAttention.maskedPairs(qkv, 0, qkv, hd, qkv, 2 * hd, stride, v, n, heads, d, masked, new TiledAttention.Workspace());
        ScalarAttention.maskedPairs(qkv, 0, qkv, hd, qkv, 2 * hd, stride, s, n, heads, d, masked);
        float maxV = 0;
        for (int j = 0; j < n; j++) for (int c = 0; c < hd; c++) maxV = Math.max(maxV, Math.abs(qkv[j * stride + 2 * hd + c]));
        // each output is a weighted mean of values: its magnitude is at most the largest |v|
        for (int i = 0; i < v.length; i++) assertClose(v[i], s[i], maxV, "attention " + i + " (" + mask + ")");
    }

    @Test
    void softmaxOfAFullyBlockedRowIsUniformInBoth() {
        int n = 10, d = 4;
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        Random r = new Random(1);
        float[] qkv = gaussian(r, n * 3 * d, 1);
        float[] s = new float[n * d];
        ScalarAttention.maskedPairs(qkv, 0, qkv, d, qkv, 2 * d, 3 * d, s, n, 1, d, all);
        for (int c = 0; c < d; c++) {
            double mean = 0;
            for (int j = 0; j < n; j++) mean += qkv[j * 3 * d + 2 * d + c];
            assertEquals(mean / n, s[c], 1e-6, "uniform weights, dim " + c);
        }
    }
}
