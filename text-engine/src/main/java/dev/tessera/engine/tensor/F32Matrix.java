package dev.tessera.engine.tensor;

import dev.tessera.engine.kernels.VectorMath;

/** float32 weights on the heap (F32/F16 checkpoints, and matrices Tessera derives itself). */
public final class F32Matrix extends WeightMatrix {
    private final float[] data; // (rows, cols)

    public F32Matrix(String name, float[] data, int rows, int cols) {
        super(name, rows, cols);
        if ((long) rows * cols > data.length) throw new IllegalArgumentException(name + ": data shorter than rows*cols");
        this.data = data;
    }

    @Override
    public DType storage() {
        return DType.F32;
    }

    @Override
    public long storageBytes() {
        return 4L * rows * cols;
    }

    @Override
    public void rowsToFloat(int r0, int count, float[] dst) {
        System.arraycopy(data, r0 * cols, dst, 0, count * cols);
    }

    @Override
    public float dotRow(int r, float[] x, int xo) {
        return VectorMath.dot(data, r * cols, x, xo, cols);
    }
}
