package dev.tessera.engine.tensor;

import dev.tessera.engine.kernels.VectorMath;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_0 weights (llama.cpp {@code block_q4_0}: fp16 d, then 16 bytes; byte j holds weight j in its low nibble and
 * weight j + 16 in its high one; w = d * (nibble - 8)). 0.56 bytes a weight.
 */
public final class Q4Matrix extends BlockMatrix {
    private static final int HALF = BLOCK / 2;

    public Q4Matrix(String name, MemorySegment seg, int rows, int cols) {
        super(name, Quantization.Q4_0, seg, rows, cols);
    }

    @Override
    public DType storage() {
        return DType.U8;
    }

    private static FloatVector toFloats(ByteVector nibbles) {
        return (FloatVector) nibbles.sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
    }

    @Override
    int q(long row, int k) {
        int j = k % BLOCK;
        int v = seg.get(ValueLayout.JAVA_BYTE, row + (long) (k / BLOCK) * bytes + 2 + j % HALF) & 0xFF;
        return (j < HALF ? v & 0x0F : v >>> 4) - 8;
    }

    @Override
    public void rowsToFloat(int r0, int count, float[] dst) {
        for (int r = 0; r < count; r++) {
            long row = (r0 + r) * stride;
            for (int b = 0; b < blocks; b++) {
                long off = row + (long) b * bytes;
                widen(off, FloatVector.broadcast(F, scale(off)), dst, r * cols + b * BLOCK);
            }
            tailToFloat(row, dst, r * cols);
        }
    }

    /** Per block: 32 products summed in a vector, scaled once by d into one of two accumulators (even, odd blocks). */
    @Override
    public float dotRow(int r, float[] x, int xo) {
        long row = r * stride;
        float s = 0;
        if (blocks > 0) {
            FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
            int b = 0;
            for (; b + 2 <= blocks; b += 2) {
                long off = row + (long) b * bytes;
                acc0 = block(off, x, xo + b * BLOCK).fma(FloatVector.broadcast(F, scale(off)), acc0);
                acc1 = block(off + bytes, x, xo + (b + 1) * BLOCK).fma(FloatVector.broadcast(F, scale(off + bytes)), acc1);
            }
            if (b < blocks) {
                long off = row + (long) b * bytes;
                acc0 = block(off, x, xo + b * BLOCK).fma(FloatVector.broadcast(F, scale(off)), acc0);
            }
            s = VectorMath.sum(acc0.add(acc1));
        }
        return blocks * BLOCK == cols ? s : s + tailDot(row, x, xo);
    }

    private FloatVector block(long off, float[] x, int xo) {
        FloatVector s = FloatVector.zero(F);
        for (int j = 0; j < HALF; j += L) {
            ByteVector v = ByteVector.fromMemorySegment(B8, seg, off + 2 + j, ByteOrder.LITTLE_ENDIAN);
            s = toFloats(v.and((byte) 0x0F)).fma(FloatVector.fromArray(F, x, xo + j), s);
            s = toFloats(v.lanewise(VectorOperators.LSHR, 4)).fma(FloatVector.fromArray(F, x, xo + HALF + j), s);
        }
        return s;
    }

    private void widen(long off, FloatVector d, float[] dst, int o) {
        for (int j = 0; j < HALF; j += L) {
            ByteVector v = ByteVector.fromMemorySegment(B8, seg, off + 2 + j, ByteOrder.LITTLE_ENDIAN);
            toFloats(v.and((byte) 0x0F)).mul(d).intoArray(dst, o + j);
            toFloats(v.lanewise(VectorOperators.LSHR, 4)).mul(d).intoArray(dst, o + HALF + j);
        }
    }
}
