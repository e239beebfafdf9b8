package dev.tessera.engine.safetensors;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.kernels.Bf16;
import dev.tessera.engine.tensor.DType;
import dev.tessera.engine.tensor.MatrixOverlay;
import dev.tessera.engine.tensor.WeightMatrix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/** A tensor of a mapped safetensors file: its header entry and its bytes, read in place. */
public final class TensorView {
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final TensorInfo info;
    private final MemorySegment bytes;
    private final Path file;
    private final MatrixOverlay overlay; // quantized copies of some matrices; null when there are none

    TensorView(TensorInfo info, MemorySegment bytes, Path file) {
        this(info, bytes, file, null);
    }

    private TensorView(TensorInfo info, MemorySegment bytes, Path file, MatrixOverlay overlay) {
        this.info = info;
        this.bytes = bytes;
        this.file = file;
        this.overlay = overlay;
    }

    /** This tensor, with {@link #asMatrix} answered by {@code overlay} where it holds a replacement. */
    TensorView withOverlay(MatrixOverlay overlay) {
        return overlay == null ? this : new TensorView(info, bytes, file, overlay);
    }

    public String name() {
        return info.name();
    }

    public DType dtype() {
        return info.dtype();
    }

    public long[] shape() {
        return info.shape().clone();
    }

    public long elementCount() {
        return info.elementCount();
    }

    public MemorySegment segment() {
        return bytes;
    }

    public Path file() {
        return file;
    }

    /**
     * Throws a clear error unless the shape is exactly {@code expected}. Expected shapes come from the model's
     * config.json, so a mismatch means the config and the weights disagree: the message names both.
     */
    public TensorView expectShape(long... expected) {
        if (!Arrays.equals(info.shape(), expected)) {
            throw new BadInputException(file.getFileName() + ": tensor " + name() + " has shape " + info.shapeString()
                    + ", but config.json implies " + Arrays.toString(expected) + " (config and weights disagree)");
        }
        return this;
    }

    /** Element i as float32 (floating dtypes only). */
    public float getFloat(long i) {
        return switch (info.dtype()) {
            case BF16 -> Bf16.toFloat(bytes.get(SHORT_LE, i * 2));
            case F16 -> Float.float16ToFloat(bytes.get(SHORT_LE, i * 2));
            case F32 -> bytes.get(FLOAT_LE, i * 4);
            case F64 -> (float) bytes.get(DOUBLE_LE, i * 8);
            case U8, BOOL -> bytes.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            case I8 -> bytes.get(ValueLayout.JAVA_BYTE, i);
            default -> throw new BadInputException(file.getFileName() + ": tensor " + name() + " has dtype " + dtype()
                    + ", expected a floating-point tensor");
        };
    }

    /** Copies {@code n} elements starting at element {@code from} into {@code dst[off..]} as float32. */
    public void copyTo(long from, float[] dst, int off, int n) {
        if (info.dtype() == DType.BF16) {
            Bf16.toFloats(bytes, from * 2, dst, off, n);
        } else {
            for (int i = 0; i < n; i++) dst[off + i] = getFloat(from + i);
        }
    }

    /** The whole tensor as a float32 heap array: for small tensors (norms, biases, embeddings of the vision tower). */
    public float[] toFloatArray() {
        long n = info.elementCount();
        if (n > Integer.MAX_VALUE - 16) {
            throw new BadInputException(file.getFileName() + ": tensor " + name() + " is too large to copy to the heap");
        }
        float[] out = new float[(int) n];
        copyTo(0, out, 0, (int) n);
        return out;
    }

    /** A scalar such as a gate of shape (1,). */
    public float scalar() {
        if (info.elementCount() != 1) {
            throw new BadInputException(file.getFileName() + ": tensor " + name() + " has shape " + info.shapeString()
                    + ", expected a single value");
        }
        return getFloat(0);
    }

    /** Raw bytes (for integer tensors such as masks). */
    public byte[] toByteArray() {
        return bytes.toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * This tensor as a row-major weight matrix of shape (shape[0], product of the remaining dims),
     * read in place. Linear weights are stored [out_features, in_features]. Where the checkpoint has a quantized
     * copy of this tensor (see {@code Checkpoint.useOverlay}) that copy is the matrix.
     */
    public WeightMatrix asMatrix() {
        if (overlay != null) {
            WeightMatrix m = overlay.matrix(name());
            if (m != null) return m;
        }
        if (info.shape().length < 2) {
            throw new BadInputException(file.getFileName() + ": tensor " + name() + " has shape " + info.shapeString()
                    + ", expected a matrix");
        }
        long rows = info.shape()[0];
        long cols = info.elementCount() / Math.max(rows, 1);
        if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
            throw new BadInputException(file.getFileName() + ": tensor " + name() + " is too large");
        }
        return WeightMatrix.of(name(), info.dtype(), bytes, (int) rows, (int) cols);
    }
}
