package dev.tessera.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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

    @Override
    int q(long blockOff, int j) {
        return seg.get(ValueLayout.JAVA_BYTE, blockOff + 2 + j);
    }

    @Override
    public void rowsToFloat(int r0, int count, float[] dst) {
        for (int r = 0; r < count; r++) {
            long row = (r0 + r) * stride;
            if (blocks > 0) SimdQ8.toFloat(seg, row, blocks, bytes, dst, r * cols);
            tailToFloat(row, dst, r * cols);
        }
    }

    /** The full blocks on the Vector API (blocks is 0 without it), then the scalar tail. */
    @Override
    public float dotRow(int r, float[] x, int xo) {
        long row = r * stride;
        float s = blocks > 0 ? SimdQ8.dot(seg, row, blocks, bytes, x, xo) : 0f;
        return blocks * BLOCK == cols ? s : s + tailDot(row, x, xo);
    }
}
