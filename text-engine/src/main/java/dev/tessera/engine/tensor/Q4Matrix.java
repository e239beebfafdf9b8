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
 * Q4_0 weights (llama.cpp {@code block_q4_0}: fp16 d, then 16 bytes; byte j holds weight j in its low nibble and
 * weight j + 16 in its high one; w = d * (nibble - 8)), read in place. 0.56 bytes a weight.
 */
public final class Q4Matrix extends WeightMatrix {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** As many bytes as F has float lanes (one load widens to one float vector); null below 8 lanes. */
    private static final VectorSpecies<Byte> B8 = F.length() >= 8
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8)) : null;
    private static final int L = F.length(), BLOCK = Quantization.BLOCK, HALF = BLOCK / 2;
    private static final int BYTES = Quantization.Q4_0.blockBytes();
    private final MemorySegment seg;
    private final int blocks;  // full blocks of a row
    private final int tail;    // weights in a last, zero-padded block (cols % 32: only tiny test models have one)
    private final long stride; // bytes per row

    public Q4Matrix(String name, MemorySegment seg, int rows, int cols) {
        super(name, rows, cols);
        this.seg = seg;
        this.blocks = B8 == null ? 0 : cols / BLOCK;
        this.tail = cols - blocks * BLOCK;
        this.stride = Quantization.Q4_0.rowBytes(cols);
    }

    @Override
    public DType storage() {
        return DType.U8;
    }

    @Override
    public long storageBytes() {
        return rows * stride;
    }

    private float scale(long blockOff) {
        return Float.float16ToFloat(seg.get(BlockQuantizer.SHORT_LE, blockOff));
    }

    /** Weight k of the row at byte offset row, without its scale: nibble - 8. */
    private int q(long row, int k) {
        int j = k % BLOCK;
        int v = seg.get(ValueLayout.JAVA_BYTE, row + (long) (k / BLOCK) * BYTES + 2 + j % HALF) & 0xFF;
        return (j < HALF ? v & 0x0F : v >>> 4) - 8;
    }

    private static FloatVector toFloats(ByteVector nibbles) {
        return (FloatVector) nibbles.sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
    }

    @Override
    public void rowsToFloat(int r0, int count, float[] dst) {
        for (int r = 0; r < count; r++) {
            long row = (r0 + r) * stride;
            int o = r * cols;
            for (int b = 0; b < blocks; b++) {
                long off = row + (long) b * BYTES;
                FloatVector d = FloatVector.broadcast(F, scale(off));
                for (int j = 0; j < HALF; j += L) {
                    ByteVector v = ByteVector.fromMemorySegment(B8, seg, off + 2 + j, ByteOrder.LITTLE_ENDIAN);
                    toFloats(v.and((byte) 0x0F)).mul(d).intoArray(dst, o + b * BLOCK + j);
                    toFloats(v.lanewise(VectorOperators.LSHR, 4)).mul(d).intoArray(dst, o + b * BLOCK + HALF + j);
                }
            }
            for (int k = blocks * BLOCK; k < cols; k++) dst[o + k] = scale(row + (long) (k / BLOCK) * BYTES) * q(row, k);
        }
    }

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

    /** sum_j (q_j - 8) x_j over one block, as a vector of partial sums. */
    private FloatVector block(long off, float[] x, int xo) {
        FloatVector s = FloatVector.zero(F);
        for (int j = 0; j < HALF; j += L) {
            ByteVector v = ByteVector.fromMemorySegment(B8, seg, off + 2 + j, ByteOrder.LITTLE_ENDIAN);
            s = toFloats(v.and((byte) 0x0F)).fma(FloatVector.fromArray(F, x, xo + j), s);
            s = toFloats(v.lanewise(VectorOperators.LSHR, 4)).fma(FloatVector.fromArray(F, x, xo + HALF + j), s);
        }
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
