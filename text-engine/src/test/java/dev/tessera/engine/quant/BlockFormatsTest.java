package dev.tessera.engine.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.kernels.VectorMath;
import dev.tessera.engine.tensor.BlockQuantizer;
import dev.tessera.engine.tensor.Q4Matrix;
import dev.tessera.engine.tensor.Q8Matrix;
import dev.tessera.engine.tensor.Quantization;
import dev.tessera.engine.tensor.WeightMatrix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** llama.cpp's Q8_0 / Q4_0 blocks: the bytes of known inputs, the rounding error bound, and the kernels. */
class BlockFormatsTest {
    static MemorySegment quantize(Quantization q, float[] x, int rows, int cols) {
        MemorySegment seg = Arena.ofAuto().allocate(rows * q.rowBytes(cols));
        for (int r = 0; r < rows; r++) BlockQuantizer.quantizeRow(q, x, r * cols, cols, seg, r * q.rowBytes(cols));
        return seg;
    }

    static WeightMatrix matrix(Quantization q, MemorySegment seg, int rows, int cols) {
        return q == Quantization.Q8_0 ? new Q8Matrix("w", seg, rows, cols) : new Q4Matrix("w", seg, rows, cols);
    }

    @Test
    void q8RoundsHalfAwayFromZeroLikeCRoundf() {
        float[] x = new float[32];
        x[0] = 127f;        // amax 127: d = 1, so q = round(x)
        x[1] = 2.5f;
        x[2] = -2.5f;       // Java's Math.round would give -2; llama.cpp's roundf gives -3
        x[3] = -0.49f;
        MemorySegment s = quantize(Quantization.Q8_0, x, 1, 32);
        assertEquals(1f, Float.float16ToFloat(s.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0)));
        assertEquals(127, s.get(ValueLayout.JAVA_BYTE, 2));
        assertEquals(3, s.get(ValueLayout.JAVA_BYTE, 3));
        assertEquals(-3, s.get(ValueLayout.JAVA_BYTE, 4));
        assertEquals(0, s.get(ValueLayout.JAVA_BYTE, 5));
    }

    @Test
    void q4MapsTheLargestMagnitudeToMinusEightAndPacksHalvesIntoNibbles() {
        float[] x = new float[32];
        for (int j = 0; j < 16; j++) x[j] = j - 8;   // -8 is the largest magnitude: d = -8 / -8 = 1
        for (int j = 16; j < 32; j++) x[j] = 7;
        MemorySegment s = quantize(Quantization.Q4_0, x, 1, 32);
        assertEquals(1f, Float.float16ToFloat(s.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0)));
        for (int j = 0; j < 16; j++) {
            int b = s.get(ValueLayout.JAVA_BYTE, 2 + j) & 0xFF;
            assertEquals(j, b & 0x0F, "low nibble " + j);   // (int)(x + 8.5) = j
            assertEquals(15, b >>> 4, "high nibble " + j);  // 7 + 8.5 = 15.5 -> 15
        }
    }

    @ParameterizedTest(name = "{0}, {1} rows x {2} cols")
    @CsvSource({"Q8_0, 37, 256", "Q8_0, 5, 48", "Q4_0, 37, 256", "Q4_0, 5, 80"})
    void dequantizedWeightsStayWithinHalfAStepAndTheKernelsAgree(Quantization q, int rows, int cols) {
        Random rnd = new Random(11);
        float[] w = new float[rows * cols], x = new float[cols];
        for (int i = 0; i < w.length; i++) w[i] = (float) (rnd.nextGaussian() * 0.02);
        for (int i = 0; i < cols; i++) x[i] = (float) rnd.nextGaussian();
        WeightMatrix m = matrix(q, quantize(q, w, rows, cols), rows, cols);
        float[] deq = new float[rows * cols];
        m.rowsToFloat(0, rows, deq);
        int levels = q == Quantization.Q8_0 ? 127 : 8;
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < cols; b += 32) {
                float amax = 0;
                for (int k = b; k < Math.min(cols, b + 32); k++) amax = Math.max(amax, Math.abs(w[r * cols + k]));
                float step = amax / levels;
                for (int k = b; k < Math.min(cols, b + 32); k++) {
                    float err = Math.abs(deq[r * cols + k] - w[r * cols + k]);
                    // Q4_0 is asymmetric: -8..7 steps, so values beyond 7.5 steps on the side opposite the largest
                    // magnitude clamp at 7 steps (up to one step of error, as in llama.cpp).
                    float bound = q == Quantization.Q4_0 && Math.abs(w[r * cols + k]) > 7.5f * step ? step : step * 0.5f;
                    assertTrue(err <= bound + amax * 2e-3f, "row " + r + " col " + k + ": error " + err + ", step " + step);
                }
            }
        }
        float[] y = new float[rows];
        m.matVec(x, 0, y, 0);
        for (int r = 0; r < rows; r++) {
            float want = VectorMath.dot(deq, r * cols, x, 0, cols);
            assertEquals(want, y[r], 1e-4f * (1 + Math.abs(want)), "row " + r + ": matVec vs dequantized dot");
        }
        float[] xs = new float[3 * cols], ys = new float[3 * rows];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) rnd.nextGaussian();
        m.matMul(xs, 3, ys);
        for (int t = 0; t < 3; t++) {
            for (int r = 0; r < rows; r++) {
                float want = VectorMath.dot(deq, r * cols, xs, t * cols, cols);
                assertEquals(want, ys[t * rows + r], 1e-4f * (1 + Math.abs(want)), "token " + t + " row " + r + ": matMul");
            }
        }
    }
}
