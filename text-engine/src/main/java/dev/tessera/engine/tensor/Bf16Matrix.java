package dev.tessera.engine.tensor;

import dev.tessera.engine.kernels.Bf16;
import java.lang.foreign.MemorySegment;

/** BF16 weights read in place from the memory-mapped checkpoint (2 bytes a weight). */
public final class Bf16Matrix extends WeightMatrix {
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
        return Bf16.dot(seg, 2L * r * cols, x, xo, cols);
    }
}
