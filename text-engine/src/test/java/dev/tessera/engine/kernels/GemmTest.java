package dev.tessera.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.tensor.F32Matrix;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both GEMM kernels against a naive double-precision product, with shapes that leave partial tiles. */
class GemmTest {

    @ParameterizedTest
    @CsvSource({"1, 7, 5", "11, 64, 32", "12, 64, 32", "13, 65, 33", "100, 96, 17", "97, 200, 130", "6, 128, 64"})
    void packedAndDotMatchNaive(int n, int rows, int cols) {
        Random r = new Random(n * 1000L + rows * 10L + cols);
        float[] w = new float[rows * cols], x = new float[n * cols];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        F32Matrix m = new F32Matrix("w", w, rows, cols);
        float[] packed = new float[n * rows], dot = new float[n * rows], auto = new float[n * rows];
        SimdGemm.packed(m, x, n, packed);
        SimdGemm.dot(m, x, n, dot);
        m.matMul(x, n, auto);
        for (int t = 0; t < n; t++) {
            for (int o = 0; o < rows; o++) {
                double want = 0;
                for (int k = 0; k < cols; k++) want += (double) x[t * cols + k] * w[o * cols + k];
                double tol = 1e-5 * Math.sqrt(cols) * 4;
                int i = t * rows + o;
                assertTrue(Math.abs(packed[i] - want) < tol, "packed [" + t + "," + o + "] " + packed[i] + " vs " + want);
                assertTrue(Math.abs(dot[i] - want) < tol, "dot [" + t + "," + o + "] " + dot[i] + " vs " + want);
                assertTrue(Math.abs(auto[i] - want) < tol, "matMul [" + t + "," + o + "] " + auto[i] + " vs " + want);
            }
        }
    }
}
