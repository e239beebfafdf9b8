package dev.tessera.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The vectorised exact GELU against the double-precision erf form. */
class GeluTest {

    @Test
    void matchesDoublePrecisionGeluWithinAnUlpOrTwo() {
        int n = 400_003; // not a multiple of the vector length: the scalar tail runs too
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = -12f + 24f * i / (n - 1);
        x[0] = 0f;
        x[1] = -0f;
        x[2] = Float.MIN_VALUE;
        x[3] = 1e-30f;
        x[4] = -40f;
        x[5] = 40f;
        float[] y = x.clone();
        VectorMath.gelu(y, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            double want = 0.5 * v * (1 + Erf.erf(v / Math.sqrt(2)));
            double err = Math.abs(y[i] - want);
            double allowed = 2.5e-7 * Math.max(1, Math.abs(want)) + 1e-30;
            worst = Math.max(worst, err / Math.max(1, Math.abs(want)));
            assertTrue(err <= allowed, "gelu(" + x[i] + ") = " + y[i] + ", expected " + want);
        }
        assertTrue(worst < 2.5e-7, "worst error " + worst);
        assertEquals(40f, y[5]);
        assertEquals(0f, y[4], 1e-30);
    }

    @Test
    void biasIsAddedBeforeTheActivation() {
        int rows = 7, cols = 37;
        float[] x = new float[rows * cols], bias = new float[cols];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian() * 3;
        for (int i = 0; i < cols; i++) bias[i] = (float) r.nextGaussian();
        float[] y = x.clone();
        Gelu.applyWithBias(y, bias, rows, cols);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Gelu.scalar(x[i] + bias[i % cols]), y[i], 3e-7f * Math.max(1, Math.abs(y[i])));
        }
    }
}
