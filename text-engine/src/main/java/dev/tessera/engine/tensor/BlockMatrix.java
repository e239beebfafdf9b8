package dev.tessera.engine.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Weights in one of llama.cpp's 32-weight block formats (fp16 scale d, then the block's quants), a row being
 * cols / 32 blocks, read in place. The scales and the scalar tail are here. The vector loops over the blocks
 * stay in each format's own final class: a loop shared here would call both formats' block kernels (a Q4_0 model
 * keeps its head in Q8_0), and C2, seeing two receivers, stopped inlining them; the vectors then crossed calls as
 * heap objects and Q4_0 decoding ran at a third of its speed.
 */
abstract sealed class BlockMatrix extends WeightMatrix permits Q8Matrix, Q4Matrix {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** As many bytes as F has float lanes (one load widens to one float vector); null below 8 lanes. */
    static final VectorSpecies<Byte> B8 = F.length() >= 8
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8)) : null;
    static final int L = F.length(), BLOCK = Quantization.BLOCK;
    final MemorySegment seg;
    final int bytes;    // bytes per block
    final int blocks;   // full blocks of a row taken by the vector kernels
    final long stride;  // bytes per row

    BlockMatrix(String name, Quantization q, MemorySegment seg, int rows, int cols) {
        super(name, rows, cols);
        this.seg = seg;
        this.bytes = q.blockBytes();
        this.blocks = B8 == null ? 0 : cols / BLOCK;
        this.stride = q.rowBytes(cols);
    }

    @Override
    public long storageBytes() {
        return rows * stride;
    }

    final float scale(long blockOff) {
        return Float.float16ToFloat(seg.get(BlockQuantizer.SHORT_LE, blockOff));
    }

    /** Weight k of the row at byte offset row, without its scale. */
    abstract int q(long row, int k);

    /** Rows' weights after the full blocks (a partial block, or all on narrow vector units), scalar, times d. */
    final void tailToFloat(long row, float[] dst, int o) {
        for (int k = blocks * BLOCK; k < cols; k++) dst[o + k] = scale(row + (long) (k / BLOCK) * bytes) * q(row, k);
    }

    /** The weights after the full blocks, scalar: a partial block, or every block on vector units below 8 floats. */
    final float tailDot(long row, float[] x, int xo) {
        float acc = 0;
        for (int k0 = blocks * BLOCK; k0 < cols; k0 += BLOCK) {
            float s = 0;
            for (int k = k0; k < Math.min(cols, k0 + BLOCK); k++) s += q(row, k) * x[xo + k];
            acc += s * scale(row + (long) (k0 / BLOCK) * bytes);
        }
        return acc;
    }
}
