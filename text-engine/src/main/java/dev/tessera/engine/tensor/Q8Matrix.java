package dev.tessera.engine.tensor;

import dev.tessera.engine.kernels.VectorMath;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q8_0 weights (llama.cpp {@code block_q8_0}: fp16 d, then 32 int8 q; w = d * q). 1.06 bytes a weight:
 * decoding streams about half the bytes of BF16.
 */
public final class Q8Matrix extends BlockMatrix {
    public Q8Matrix(String name, MemorySegment seg, int rows, int cols) {
        super(name, Quantization.Q8_0, seg, rows, cols);
    }

    @Override
    public DType storage() {
        return DType.I8;
    }

    private FloatVector load(long off) {
        return (FloatVector) ByteVector.fromMemorySegment(B8, seg, off, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2F, F, 0);
    }

    @Override
    int q(long row, int k) {
        return seg.get(ValueLayout.JAVA_BYTE, row + (long) (k / BLOCK) * bytes + 2 + k % BLOCK);
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
        FloatVector s = load(off + 2).mul(FloatVector.fromArray(F, x, xo));
        for (int j = L; j < BLOCK; j += L) s = load(off + 2 + j).fma(FloatVector.fromArray(F, x, xo + j), s);
        return s;
    }

    private void widen(long off, FloatVector d, float[] dst, int o) {
        for (int j = 0; j < BLOCK; j += L) load(off + 2 + j).mul(d).intoArray(dst, o + j);
    }
}
