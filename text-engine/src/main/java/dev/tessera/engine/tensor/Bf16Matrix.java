package dev.tessera.engine.tensor;

import dev.tessera.engine.kernels.Bf16;
import dev.tessera.engine.kernels.VectorMath;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** BF16 weights read in place from the memory-mapped checkpoint (2 bytes a weight). */
public final class Bf16Matrix extends WeightMatrix {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private final MemorySegment seg;

    Bf16Matrix(String name, MemorySegment seg, int rows, int cols) {
        super(name, rows, cols);
        this.seg = seg;
    }

    @Override
    public DType storage() {
        return DType.BF16;
    }

    @Override
    public long storageBytes() {
        return 2L * rows * cols;
    }

    @Override
    public void rowsToFloat(int r0, int count, float[] dst) {
        Bf16.toFloats(seg, 2L * r0 * cols, dst, 0, count * cols);
    }

    @Override
    public float dotRow(int r, float[] x, int xo) {
        long base = 2L * r * cols;
        int L = F.length(), k = 0;
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (; k + 4 * L <= cols; k += 4 * L) {
            s0 = Bf16.load(seg, base + 2L * k).fma(FloatVector.fromArray(F, x, xo + k), s0);
            s1 = Bf16.load(seg, base + 2L * (k + L)).fma(FloatVector.fromArray(F, x, xo + k + L), s1);
            s2 = Bf16.load(seg, base + 2L * (k + 2 * L)).fma(FloatVector.fromArray(F, x, xo + k + 2 * L), s2);
            s3 = Bf16.load(seg, base + 2L * (k + 3 * L)).fma(FloatVector.fromArray(F, x, xo + k + 3 * L), s3);
        }
        for (; k + L <= cols; k += L) {
            s0 = Bf16.load(seg, base + 2L * k).fma(FloatVector.fromArray(F, x, xo + k), s0);
        }
        float s = VectorMath.sum(s0.add(s1).add(s2.add(s3)));
        for (; k < cols; k++) {
            s += Bf16.toFloat(seg.get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED
                    .withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), base + 2L * k)) * x[xo + k];
        }
        return s;
    }
}
