package dev.tessera.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Gelu}'s table-and-Taylor erf on the Vector API (loaded only when {@link Simd#ENABLED}). */
final class SimdGelu {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final float ROUND_MAGIC = 12582912f; // 1.5 * 2^23: (x + magic) - magic rounds x to an integer
    private static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);
    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
    private static final int STEPS = Gelu.STEPS;
    private static final float Z_MAX = Gelu.Z_MAX;
    private static final float[] ERF = Gelu.ERF, DERIV = Gelu.DERIV;

    private SimdGelu() {}

    /** x[i] = gelu(x[i] + bias[i - biasBase]) for i in [from, to); bias may be null. */
    static void range(float[] x, int from, int to, float[] bias, int biasBase) {
        int[] idx = new int[L];
        FloatVector magic = FloatVector.broadcast(F, ROUND_MAGIC);
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            if (bias != null) v = v.add(FloatVector.fromArray(F, bias, i - biasBase));
            FloatVector z = v.mul(INV_SQRT2);
            FloatVector a = z.abs().min(Z_MAX);
            FloatVector t = a.mul((float) STEPS).add(magic);
            t.reinterpretAsInts().sub(ROUND_MAGIC_BITS).intoArray(idx, 0);
            FloatVector x0 = t.sub(magic).mul(1f / STEPS);
            FloatVector h = a.sub(x0);
            FloatVector x0sq = x0.mul(x0);
            FloatVector c2 = x0sq.mul(2f).sub(1f).mul(1f / 3);
            FloatVector c3 = x0.mul(FloatVector.broadcast(F, 3f).sub(x0sq.mul(2f))).mul(1f / 6);
            FloatVector poly = c3.fma(h, c2).fma(h, x0.neg()).fma(h, FloatVector.broadcast(F, 1f));
            FloatVector erfA = FloatVector.fromArray(F, DERIV, 0, idx, 0).mul(h).fma(poly, FloatVector.fromArray(F, ERF, 0, idx, 0));
            FloatVector erf = erfA.blend(erfA.neg(), z.compare(VectorOperators.LT, 0f));
            v.mul(0.5f).mul(erf.add(1f)).intoArray(x, i);
        }
        for (; i < to; i++) x[i] = Gelu.scalar(bias == null ? x[i] : x[i] + bias[i - biasBase]);
    }
}
