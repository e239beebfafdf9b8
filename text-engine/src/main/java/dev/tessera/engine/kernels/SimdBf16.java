package dev.tessera.engine.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Bf16} widening on the Vector API (loaded only when {@link Simd#ENABLED}): load F.length() shorts,
 * sign-extend them to ints (the sign-extension bits are shifted out), shift left 16, reinterpret as floats.
 */
public final class SimdBf16 {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private SimdBf16() {}

    /** F.length() bf16 values at byte offset {@code off} of {@code seg}, widened to float32. */
    public static FloatVector load(MemorySegment seg, long off) {
        ShortVector s = ShortVector.fromMemorySegment(S, seg, off, ByteOrder.LITTLE_ENDIAN);
        return ((IntVector) s.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16)
                .reinterpretAsFloats();
    }

    /** Widens {@code n} bf16 values at byte offset {@code off} into {@code dst[dstOff..]}. */
    static void toFloats(MemorySegment seg, long off, float[] dst, int dstOff, int n) {
        int i = 0;
        int step = F.length();
        for (; i + step <= n; i += step) load(seg, off + 2L * i).intoArray(dst, dstOff + i);
        for (; i < n; i++) dst[dstOff + i] = Bf16.toFloat(seg.get(SHORT_LE, off + 2L * i));
    }

    /** sum_k bf16(seg at off + 2k) * x[xo + k] over n weights; four accumulators so the FMA chain does not serialise. */
    public static float dot(MemorySegment seg, long off, float[] x, int xo, int n) {
        int L = F.length(), k = 0;
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (; k + 4 * L <= n; k += 4 * L) {
            s0 = load(seg, off + 2L * k).fma(FloatVector.fromArray(F, x, xo + k), s0);
            s1 = load(seg, off + 2L * (k + L)).fma(FloatVector.fromArray(F, x, xo + k + L), s1);
            s2 = load(seg, off + 2L * (k + 2 * L)).fma(FloatVector.fromArray(F, x, xo + k + 2 * L), s2);
            s3 = load(seg, off + 2L * (k + 3 * L)).fma(FloatVector.fromArray(F, x, xo + k + 3 * L), s3);
        }
        for (; k + L <= n; k += L) {
            s0 = load(seg, off + 2L * k).fma(FloatVector.fromArray(F, x, xo + k), s0);
        }
        float s = SimdMath.sum(s0.add(s1).add(s2.add(s3)));
        for (; k < n; k++) s += Bf16.toFloat(seg.get(SHORT_LE, off + 2L * k)) * x[xo + k];
        return s;
    }
}
