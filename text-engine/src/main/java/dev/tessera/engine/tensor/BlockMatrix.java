package dev.tessera.engine.tensor;

import dev.tessera.engine.kernels.Simd;
import java.lang.foreign.MemorySegment;

/**
 * Weights in one of llama.cpp's 32-weight block formats (fp16 scale d, then the block's quants), a row being
 * cols / 32 blocks, read in place. The scales and the scalar code are here: the tail after the full blocks, or
 * every block without the Vector API or on vector units below 8 floats. The vector loops over the blocks stay
 * in each format's own class ({@link SimdQ8}, {@link SimdQ4}): a loop shared here would call both formats'
 * block kernels (a Q4_0 model keeps its head in Q8_0), and C2, seeing two receivers, stopped inlining them; the
 * vectors then crossed calls as heap objects and Q4_0 decoding ran at a third of its speed.
 */
abstract sealed class BlockMatrix extends WeightMatrix permits Q8Matrix, Q4Matrix {
    static final int BLOCK = Quantization.BLOCK;
    final MemorySegment seg;
    final int bytes;    // bytes per block
    final int blocks;   // full blocks of a row taken by the vector kernels (0: all scalar)
    final long stride;  // bytes per row

    BlockMatrix(String name, Quantization q, MemorySegment seg, int rows, int cols) {
        super(name, rows, cols);
        this.seg = seg;
        this.bytes = q.blockBytes();
        // SimdBlocks is touched only when the Vector API is there (see Simd)
        this.blocks = Simd.ENABLED && SimdBlocks.B8 != null ? cols / BLOCK : 0;
        this.stride = q.rowBytes(cols);
    }

    @Override
    public long storageBytes() {
        return rows * stride;
    }

    static float scale(MemorySegment seg, long blockOff) {
        return Float.float16ToFloat(seg.get(BlockQuantizer.SHORT_LE, blockOff));
    }

    final float scale(long blockOff) {
        return scale(seg, blockOff);
    }

    /** Weight j (0 to 31) of the block at byte offset blockOff, without its scale. */
    abstract int q(long blockOff, int j);

    /** Rows' weights after the full blocks (all of them when blocks is 0), scalar, times d. */
    final void tailToFloat(long row, float[] dst, int o) {
        toFloatScalar(row, dst, o, blocks);
    }

    /** The weights of blocks [firstBlock, end of row) widened to dst[o + k], scalar: d * q. */
    final void toFloatScalar(long row, float[] dst, int o, int firstBlock) {
        for (int k0 = firstBlock * BLOCK; k0 < cols; k0 += BLOCK) {
            long off = row + (long) (k0 / BLOCK) * bytes;
            float d = scale(off);
            for (int j = 0; j < Math.min(BLOCK, cols - k0); j++) dst[o + k0 + j] = d * q(off, j);
        }
    }

    /** The weights after the full blocks, scalar: a partial block, or every block when blocks is 0. */
    final float tailDot(long row, float[] x, int xo) {
        return dotScalar(row, x, xo, blocks);
    }

    /** Blocks [firstBlock, end of row) against x, scalar: per block the sum of q * x, times d. */
    final float dotScalar(long row, float[] x, int xo, int firstBlock) {
        float acc = 0;
        for (int k0 = firstBlock * BLOCK; k0 < cols; k0 += BLOCK) {
            long off = row + (long) (k0 / BLOCK) * bytes;
            float s = 0;
            for (int j = 0; j < Math.min(BLOCK, cols - k0); j++) s += q(off, j) * x[xo + k0 + j];
            acc += s * scale(off);
        }
        return acc;
    }

    /** Row r against x with the scalar code only (what runs without the Vector API; tests compare the two). */
    final float dotRowScalar(int r, float[] x, int xo) {
        return dotScalar(r * stride, x, xo, 0);
    }

    /** Rows [r0, r0 + count) widened with the scalar code only. */
    final void rowsToFloatScalar(int r0, int count, float[] dst) {
        for (int r = 0; r < count; r++) toFloatScalar((r0 + r) * stride, dst, r * cols, 0);
    }
}
