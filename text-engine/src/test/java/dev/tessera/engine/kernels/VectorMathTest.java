package dev.tessera.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    /** The pairwise order sum() promises: fold the upper half of the lanes onto the lower half until one is left. */
    static float pairwise(float[] lanes) {
        float[] a = lanes.clone();
        for (int half = a.length / 2; half >= 1; half /= 2) {
            for (int j = 0; j < half; j++) a[j] = a[j] + a[j + half];
        }
        return a[0];
    }

    @Test
    void laneSumFollowsTheFixedPairwiseOrderBitForBit() {
        Random r = new Random(7);
        int lanes = SimdMath.F.length();
        for (int rep = 0; rep < 10_000; rep++) {   // enough calls for the JIT to compile sum() midway
            float[] x = new float[lanes];
            for (int i = 0; i < lanes; i++) x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8) - 4));
            float got = SimdMath.sum(FloatVector.fromArray(SimdMath.F, x, 0));
            assertEquals(Float.floatToIntBits(pairwise(x)), Float.floatToIntBits(got), "lanes " + java.util.Arrays.toString(x));
        }
    }

    @Test
    void dotIsReproducibleAcrossWarmUp() {
        Random r = new Random(3);
        float[] a = new float[4099], b = new float[4099];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = (float) r.nextGaussian();
        }
        float first = VectorMath.dot(a, 0, b, 0, a.length);
        for (int rep = 0; rep < 20_000; rep++) {
            assertEquals(Float.floatToIntBits(first), Float.floatToIntBits(VectorMath.dot(a, 0, b, 0, a.length)));
        }
    }
}
