package dev.tessera.engine.tensor;

import static dev.tessera.engine.tensor.SimdBlocks.B8;
import static dev.tessera.engine.tensor.SimdBlocks.F;
import static dev.tessera.engine.tensor.SimdBlocks.L;

import dev.tessera.engine.kernels.SimdMath;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** {@link Q4Matrix}'s full blocks on the Vector API (loaded only when {@link dev.tessera.engine.kernels.Simd#ENABLED}). */
final class SimdQ4 {
    private static final int BLOCK = Quantization.BLOCK, HALF = BLOCK / 2;

    private SimdQ4() {}

    private static FloatVector toFloats(ByteVector nibbles) {
        return (FloatVector) nibbles.sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
    }

    /** The first {@code blocks} blocks of the row at byte {@code row} widened to dst[o ..], d * (nibble - 8). */
    static void toFloat(MemorySegment seg, long row, int blocks, int bytes, float[] dst, int o) {
        for (int b = 0; b < blocks; b++) {
            long off = row + (long) b * bytes;
            widen(seg, off, FloatVector.broadcast(F, BlockMatrix.scale(seg, off)), dst, o + b * BLOCK);
        }
    }

    /**
     * The first {@code blocks} (at least 1) blocks of the row against x. Per block: 32 products summed in a
     * vector, scaled once by d into one of two accumulators (even, odd blocks).
     */
    static float dot(MemorySegment seg, long row, int blocks, int bytes, float[] x, int xo) {
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        int b = 0;
        for (; b + 2 <= blocks; b += 2) {
            long off = row + (long) b * bytes;
            acc0 = block(seg, off, x, xo + b * BLOCK).fma(FloatVector.broadcast(F, BlockMatrix.scale(seg, off)), acc0);
            acc1 = block(seg, off + bytes, x, xo + (b + 1) * BLOCK)
                    .fma(FloatVector.broadcast(F, BlockMatrix.scale(seg, off + bytes)), acc1);
        }
        if (b < blocks) {
            long off = row + (long) b * bytes;
            acc0 = block(seg, off, x, xo + b * BLOCK).fma(FloatVector.broadcast(F, BlockMatrix.scale(seg, off)), acc0);
        }
        return SimdMath.sum(acc0.add(acc1));
    }

    private static FloatVector block(MemorySegment seg, long off, float[] x, int xo) {
        FloatVector s = FloatVector.zero(F);
        for (int j = 0; j < HALF; j += L) {
            ByteVector v = ByteVector.fromMemorySegment(B8, seg, off + 2 + j, ByteOrder.LITTLE_ENDIAN);
            s = toFloats(v.and((byte) 0x0F)).fma(FloatVector.fromArray(F, x, xo + j), s);
            s = toFloats(v.lanewise(VectorOperators.LSHR, 4)).fma(FloatVector.fromArray(F, x, xo + HALF + j), s);
        }
        return s;
    }

    private static void widen(MemorySegment seg, long off, FloatVector d, float[] dst, int o) {
        for (int j = 0; j < HALF; j += L) {
            ByteVector v = ByteVector.fromMemorySegment(B8, seg, off + 2 + j, ByteOrder.LITTLE_ENDIAN);
            toFloats(v.and((byte) 0x0F)).mul(d).intoArray(dst, o + j);
            toFloats(v.lanewise(VectorOperators.LSHR, 4)).mul(d).intoArray(dst, o + HALF + j);
        }
    }
}
