package dev.tessera.engine.tensor;

import dev.tessera.engine.kernels.VectorMath;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q8_0 weights (llama.cpp {@code block_q8_0}: fp16 d, then 32 int8 q; w = d * q), a row being cols / 32 blocks,
 * read in place. 1.06 bytes a weight: decoding streams about half the bytes of BF16.
 */
public final class Q8Matrix extends WeightMatrix {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** As many bytes as F has float lanes (one load widens to one float vector); null below 8 lanes. */
    private static final VectorSpecies<Byte> B8 = F.length() >= 8
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8)) : null;
    private static final int L = F.length(), BLOCK = Quantization.BLOCK, BYTES = Quantization.Q8_0.blockBytes();
    private final MemorySegment seg;
    private final int blocks;  // full blocks of a row
    private final int tail;    // weights in a last, zero-padded block (cols % 32: only tiny test models have one)
    private final long stride; // bytes per row

    public Q8Matrix(String name, MemorySegment seg, int rows, int cols) {
        super(name, rows, cols);
        this.seg = seg;
        this.blocks = B8 == null ? 0 : cols / BLOCK;
        this.tail = cols - blocks * BLOCK;
        this.stride = Quantization.Q8_0.rowBytes(cols);
    }

    @Override
    public DType storage() {
        return DType.I8;
    }

    @Override
    public long storageBytes() {
        return rows * stride;
    }

    private FloatVector widen(long off) {
        return (FloatVector) ByteVector.fromMemorySegment(B8, seg, off, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2F, F, 0);
    }

    private float scale(long blockOff) {
        return Float.float16ToFloat(seg.get(BlockQuantizer.SHORT_LE, blockOff));
    }

    private byte q(long row, int k) {
        return seg.get(ValueLayout.JAVA_BYTE, row + (long) (k / BLOCK) * BYTES + 2 + k % BLOCK);
    }

    @Override
    public void rowsToFloat(int r0, int count, float[] dst) {
        for (int r = 0; r < count; r++) {
            long row = (r0 + r) * stride;
            int o = r * cols;
            for (int b = 0; b < blocks; b++) {
                long off = row + (long) b * BYTES;
                FloatVector d = FloatVector.broadcast(F, scale(off));
                for (int j = 0; j < BLOCK; j += L) widen(off + 2 + j).mul(d).intoArray(dst, o + b * BLOCK + j);
            }
            for (int k = blocks * BLOCK; k < cols; k++) dst[o + k] = scale(row + (long) (k / BLOCK) * BYTES) * q(row, k);
        }
    }

    /**
     * Per block: the 32 products summed in a vector, then scaled once by d into one of two accumulators
     * (even and odd blocks, so consecutive blocks do not wait on each other's FMA).
     */
    @Override
    public float dotRow(int r, float[] x, int xo) {
        long row = r * stride;
        float s = 0;
        if (blocks > 0) {
            FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
            int b = 0;
            for (; b + 2 <= blocks; b += 2) {
                long off = row + (long) b * BYTES;
                acc0 = block(off, x, xo + b * BLOCK).fma(FloatVector.broadcast(F, scale(off)), acc0);
                acc1 = block(off + BYTES, x, xo + (b + 1) * BLOCK).fma(FloatVector.broadcast(F, scale(off + BYTES)), acc1);
            }
            if (b < blocks) {
                long off = row + (long) b * BYTES;
                acc0 = block(off, x, xo + b * BLOCK).fma(FloatVector.broadcast(F, scale(off)), acc0);
            }
            s = VectorMath.sum(acc0.add(acc1));
        }
        return tail == 0 ? s : s + tailDot(row, x, xo);
    }

    private FloatVector block(long off, float[] x, int xo) {
        FloatVector s = widen(off + 2).mul(FloatVector.fromArray(F, x, xo));
        for (int j = L; j < BLOCK; j += L) s = widen(off + 2 + j).fma(FloatVector.fromArray(F, x, xo + j), s);
        return s;
    }

    /** The weights after the full blocks, scalar: a partial block, or every block on vector units below 8 floats. */
    private float tailDot(long row, float[] x, int xo) {
        float acc = 0;
        for (int k0 = blocks * BLOCK; k0 < cols; k0 += BLOCK) {
            float s = 0;
            for (int k = k0; k < Math.min(cols, k0 + BLOCK); k++) s += q(row, k) * x[xo + k];
            acc += s * scale(row + (long) (k0 / BLOCK) * BYTES);
        }
        return acc;
    }
}
