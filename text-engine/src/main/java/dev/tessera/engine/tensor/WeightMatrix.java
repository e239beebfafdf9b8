package dev.tessera.engine.tensor;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.kernels.Gemm;
import dev.tessera.engine.kernels.Parallel;
import java.lang.foreign.MemorySegment;

/**
 * A weight matrix (rows x cols, row-major, as Linear weights are stored: [out_features, in_features]) in its
 * storage format. Each format widens to float32 in its own {@link #dotRow} and {@link #rowsToFloat}; the
 * products themselves run in {@link Gemm}.
 */
public abstract class WeightMatrix {
    protected final String name;
    protected final int rows, cols;

    protected WeightMatrix(String name, int rows, int cols) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
    }

    /** A matrix over a tensor's bytes; BF16 stays in place, F16/F32 are widened to a heap copy. */
    public static WeightMatrix of(String name, DType dtype, MemorySegment bytes, int rows, int cols) {
        return switch (dtype) {
            case BF16 -> new Bf16Matrix(name, bytes, rows, cols);
            case F32, F16 -> {
                long n = (long) rows * cols;
                if (n > Integer.MAX_VALUE - 16) throw new BadInputException("tensor " + name + " is too large for " + dtype);
                float[] data = new float[(int) n];
                for (int i = 0; i < n; i++) {
                    data[i] = dtype == DType.F32
                            ? bytes.get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 4L * i)
                            : Float.float16ToFloat(bytes.get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 2L * i));
                }
                yield new F32Matrix(name, data, rows, cols);
            }
            default -> throw new BadInputException("tensor " + name + " has dtype " + dtype + ", expected BF16, F16 or F32");
        };
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public abstract DType storage();

    /** Bytes the weights occupy in their storage format. */
    public abstract long storageBytes();

    /** Widens rows [r0, r0 + count) into dst[0 .. count*cols). */
    public abstract void rowsToFloat(int r0, int count, float[] dst);

    /** Row r dotted with x[xo .. xo + cols). */
    public abstract float dotRow(int r, float[] x, int xo);

    /** out[oo + r] = W[r] . x[xo ..] for every row: the decode hot spot (memory-bandwidth bound). */
    public void matVec(float[] x, int xo, float[] out, int oo) {
        Parallel.forRange(rows, 64, (from, to) -> {
            for (int r = from; r < to; r++) out[oo + r] = dotRow(r, x, xo);
        });
    }

    /**
     * y[t][r] = W[r] . x[t] for t < n: x is (n, cols), y is (n, rows), both row-major.
     * The prefill / vision hot spot (compute bound), see {@link Gemm}.
     */
    public void matMul(float[] x, int n, float[] y) {
        if (n == 1) {
            matVec(x, 0, y, 0);
        } else {
            Gemm.multiply(this, x, n, y);
        }
    }

    /** The same, allocating the output. */
    public float[] matMul(float[] x, int n) {
        float[] y = new float[n * rows];
        matMul(x, n, y);
        return y;
    }

    @Override
    public String toString() {
        return name + " " + storage() + " [" + rows + ", " + cols + "]";
    }
}
