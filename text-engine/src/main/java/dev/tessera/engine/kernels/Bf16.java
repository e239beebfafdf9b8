package dev.tessera.engine.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * bfloat16 is the upper half of an IEEE float32: sign, 8 exponent bits, 7 mantissa bits.
 * <pre>
 *   bf16:  s eeeeeeee mmmmmmm
 *   f32:   s eeeeeeee mmmmmmm 0000000000000000
 * </pre>
 * so widening is exact: shift the 16 bits left by 16 and reinterpret. In vectors: load 16 shorts,
 * sign-extend them to ints (the sign-extension bits are shifted out), shift left 16, reinterpret as floats.
 */
public final class Bf16 {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

    private Bf16() {}

    public static float toFloat(short bits) {
        return Float.intBitsToFloat(bits << 16);
    }

    /** Round-to-nearest-even float32 -> bf16, as torch does. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x40);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** F.length() bf16 values at byte offset {@code off} of {@code seg}, widened to float32. */
    public static FloatVector load(MemorySegment seg, long off) {
        ShortVector s = ShortVector.fromMemorySegment(S, seg, off, ByteOrder.LITTLE_ENDIAN);
        return ((IntVector) s.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16)
                .reinterpretAsFloats();
    }

    /** Widens {@code n} bf16 values at byte offset {@code off} into {@code dst[dstOff..]}. */
    public static void toFloats(MemorySegment seg, long off, float[] dst, int dstOff, int n) {
        int i = 0;
        int step = F.length();
        for (; i + step <= n; i += step) load(seg, off + 2L * i).intoArray(dst, dstOff + i);
        for (; i < n; i++) {
            dst[dstOff + i] = toFloat(seg.get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED
                    .withOrder(ByteOrder.LITTLE_ENDIAN), off + 2L * i));
        }
    }
}
