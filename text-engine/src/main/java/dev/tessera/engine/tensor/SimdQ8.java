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

/** {@link Q8Matrix}'s full blocks on the Vector API (loaded only when {@link dev.tessera.engine.kernels.Simd#ENABLED}). */
final class SimdQ8 {
    private static final int BLOCK = Quantization.BLOCK;

    private SimdQ8() {}

    private static FloatVector load(MemorySegment seg, long off) {
        return (FloatVector) ByteVector.fromMemorySegment(B8, seg, off, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2F, F, 0);
    }

    /** The first {@code blocks} blocks of the row at byte {@code row} widened to dst[o ..], d * q. */
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
        FloatVector s = load(seg, off + 2).mul(FloatVector.fromArray(F, x, xo));
        for (int j = L; j < BLOCK; j += L) s = load(seg, off + 2 + j).fma(FloatVector.fromArray(F, x, xo + j), s);
        return s;
    }

    private static void widen(MemorySegment seg, long off, FloatVector d, float[] dst, int o) {
        for (int j = 0; j < BLOCK; j += L) load(seg, off + 2 + j).mul(d).intoArray(dst, o + j);
    }
}
