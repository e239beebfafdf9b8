package dev.tessera.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Q8_0 and Q4_0 rows through the scalar code (what runs without the Vector API) against the vector kernels: the
 * widened weights are identical (d * q, one rounding, in both), and the dot products agree within 1e-5 of
 * their magnitude (the sum of |w x|). Widths include a partial last block (the scalar tail on both sides).
 */
class BlockMatrixScalarTest {

    @ParameterizedTest(name = "{0}, {1} rows x {2} cols")
    @CsvSource({"Q8_0, 9, 32", "Q8_0, 37, 256", "Q8_0, 5, 80", "Q8_0, 3, 4096", "Q4_0, 9, 32", "Q4_0, 37, 256",
            "Q4_0, 5, 80", "Q4_0, 3, 4096"})
    void scalarAndVectorRowsAgree(Quantization q, int rows, int cols) {
        Random r = new Random(rows * 7919L + cols);
        float[] w = new float[rows * cols], x = new float[cols + 3];
        for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * 0.05);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        MemorySegment seg = Arena.ofAuto().allocate(rows * q.rowBytes(cols));
        for (int row = 0; row < rows; row++) BlockQuantizer.quantizeRow(q, w, row * cols, cols, seg, row * q.rowBytes(cols));
        BlockMatrix m = q == Quantization.Q8_0 ? new Q8Matrix("w", seg, rows, cols) : new Q4Matrix("w", seg, rows, cols);
        assertTrue(m.blocks == cols / 32, "the vector kernels take the full blocks in the test JVM");

        float[] vector = new float[rows * cols], scalar = new float[rows * cols];
        m.rowsToFloat(0, rows, vector);
        m.rowsToFloatScalar(0, rows, scalar);
        assertArrayEquals(vector, scalar, q + " widened weights");

        for (int row = 0; row < rows; row++) {
            float v = m.dotRow(row, x, 3), s = m.dotRowScalar(row, x, 3);
            double mag = 0;
            for (int k = 0; k < cols; k++) mag += Math.abs(scalar[row * cols + k] * x[3 + k]);
            assertTrue(Math.abs(v - s) <= 1e-5 * mag, q + " row " + row + ": vector " + v + " vs scalar " + s + " (magnitude " + mag + ")");
        }
    }
}
