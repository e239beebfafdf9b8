package dev.tessera.engine.kernels;

import java.lang.foreign.MemorySegment;

/**
 * bfloat16 is the upper half of an IEEE float32: sign, 8 exponent bits, 7 mantissa bits.
 * <pre>
 *   bf16:  s eeeeeeee mmmmmmm
 *   f32:   s eeeeeeee mmmmmmm 0000000000000000
 * </pre>
 * so widening is exact: shift the 16 bits left by 16 and reinterpret ({@link SimdBf16} does it a vector at a
 * time, {@link ScalarKernels} one value at a time without the Vector API).
 */
public final class Bf16 {
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

    /** Widens {@code n} bf16 values at byte offset {@code off} into {@code dst[dstOff..]}. */
    public static void toFloats(MemorySegment seg, long off, float[] dst, int dstOff, int n) {
        if (Simd.ENABLED) SimdBf16.toFloats(seg, off, dst, dstOff, n);
        else ScalarKernels.bf16ToFloats(seg, off, dst, dstOff, n);
    }

    /** sum_k bf16(seg at off + 2k) * x[xo + k] over n weights: a BF16 matrix row against activations. */
    public static float dot(MemorySegment seg, long off, float[] x, int xo, int n) {
        return Simd.ENABLED ? SimdBf16.dot(seg, off, x, xo, n) : ScalarKernels.bf16Dot(seg, off, x, xo, n);
    }
}
