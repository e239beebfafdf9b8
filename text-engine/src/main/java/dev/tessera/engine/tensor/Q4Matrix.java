package dev.tessera.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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

    @Override
    int q(long blockOff, int j) {
        int v = seg.get(ValueLayout.JAVA_BYTE, blockOff + 2 + j % HALF) & 0xFF;
        return (j < HALF ? v & 0x0F : v >>> 4) - 8;
    }

    @Override
    public void rowsToFloat(int r0, int count, float[] dst) {
        for (int r = 0; r < count; r++) {
            long row = (r0 + r) * stride;
            if (blocks > 0) SimdQ4.toFloat(seg, row, blocks, bytes, dst, r * cols);
            tailToFloat(row, dst, r * cols);
        }
    }

    /** The full blocks on the Vector API (blocks is 0 without it), then the scalar tail. */
    @Override
    public float dotRow(int r, float[] x, int xo) {
        long row = r * stride;
        float s = blocks > 0 ? SimdQ4.dot(seg, row, blocks, bytes, x, xo) : 0f;
        return blocks * BLOCK == cols ? s : s + tailDot(row, x, xo);
    }
}
