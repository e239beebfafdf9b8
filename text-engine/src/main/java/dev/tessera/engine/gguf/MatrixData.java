package dev.tessera.engine.gguf;

import dev.tessera.engine.kernels.Bf16;
import dev.tessera.engine.safetensors.TensorView;
import dev.tessera.engine.tensor.BlockQuantizer;
import dev.tessera.engine.tensor.DType;
import dev.tessera.engine.tensor.Quantization;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.function.IntUnaryOperator;

/**
 * The bytes of a checkpoint tensor in a GGUF type, produced a few megabytes at a time: row r of the output is row
 * {@code order(r)} of the checkpoint (llama.cpp's converter reorders the rows of the query and key projections).
 * BF16 rows of a BF16 checkpoint are copied as they are; Q8_0 / Q4_0 rows go through {@link BlockQuantizer}, so
 * they hold exactly the blocks ggml's reference quantizer makes from the same floats.
 */
final class MatrixData implements GgufTensor.Data {
    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long CHUNK_BYTES = 4L << 20;

    private final TensorView src;
    private final int rows, cols;
    private final GgmlType type;
    private final IntUnaryOperator order;

    MatrixData(TensorView src, int rows, int cols, GgmlType type, IntUnaryOperator order) {
        this.src = src;
        this.rows = rows;
        this.cols = cols;
        this.type = type;
        this.order = order;
    }

    @Override
    public void writeTo(GgufSink sink) throws IOException {
        long rowBytes = type.rowBytes(cols);
        int perChunk = (int) Math.max(1, Math.min(rows, CHUNK_BYTES / rowBytes));
        float[] row = new float[cols];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(rowBytes * perChunk, 64);
            for (int r0 = 0; r0 < rows; r0 += perChunk) {
                int n = Math.min(perChunk, rows - r0);
                for (int i = 0; i < n; i++) fillRow(order.applyAsInt(r0 + i), row, buf, i * rowBytes);
                sink.write(buf.asSlice(0, n * rowBytes));
            }
        }
    }

    private void fillRow(int srcRow, float[] row, MemorySegment buf, long off) {
        long first = (long) srcRow * cols;
        if (type == GgmlType.BF16 && src.dtype() == DType.BF16) {
            MemorySegment.copy(src.segment(), first * 2, buf, off, 2L * cols);
            return;
        }
        src.copyTo(first, row, 0, cols);
        switch (type) {
            case F32 -> { for (int j = 0; j < cols; j++) buf.set(FLOAT_LE, off + 4L * j, row[j]); }
            case BF16 -> { for (int j = 0; j < cols; j++) buf.set(SHORT_LE, off + 2L * j, Bf16.fromFloat(row[j])); }
            case Q8_0 -> BlockQuantizer.quantizeRow(Quantization.Q8_0, row, 0, cols, buf, off);
            case Q4_0 -> BlockQuantizer.quantizeRow(Quantization.Q4_0, row, 0, cols, buf, off);
        }
    }

    /** The permutation of llama.cpp's converter ({@code LlamaModel.permute}): within each head of {@code headDim}
     *  rows, the two rotary halves are interleaved, as ggml's rope pairs neighbouring elements. */
    static IntUnaryOperator ropeInterleave(int headDim) {
        int half = headDim / 2;
        return r -> {
            int h = r / headDim, k = r % headDim;
            return h * headDim + (k % 2) * half + k / 2;
        };
    }
}
