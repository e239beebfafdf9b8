package dev.tessera.engine.quant;

import dev.tessera.engine.safetensors.TensorSource;
import dev.tessera.engine.safetensors.TensorView;
import dev.tessera.engine.tensor.Quantization;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A quantized matrix's bytes for the safetensors writer, made as the writer asks for them. The writer's pieces
 * need not start or end on a row: whole rows inside a piece are quantized straight into it, and a row cut by
 * a piece's edge goes through a one-row scratch buffer.
 */
final class RowSource implements TensorSource {
    private final TensorView tensor;
    private final Quantization q;
    private final long rowBytes;
    private final MemorySegment scratch;
    private long scratchRow = -1;

    RowSource(TensorView tensor, Quantization q) {
        this.tensor = tensor;
        this.q = q;
        this.rowBytes = q.rowBytes((int) tensor.shape()[1]);
        this.scratch = Arena.ofAuto().allocate(rowBytes);
    }

    @Override
    public void fill(long byteOffset, MemorySegment dst) {
        long end = byteOffset + dst.byteSize(), pos = byteOffset;
        while (pos < end) {
            long row = pos / rowBytes, rowStart = row * rowBytes;
            if (pos == rowStart && end - pos >= rowBytes) {
                int rows = (int) Math.min((end - pos) / rowBytes, Integer.MAX_VALUE);
                QuantizedWeights.quantizeRows(tensor, q, (int) row, (int) row + rows, dst, pos - byteOffset);
                pos += rows * rowBytes;
            } else {
                if (scratchRow != row) {
                    QuantizedWeights.quantizeRows(tensor, q, (int) row, (int) row + 1, scratch, 0);
                    scratchRow = row;
                }
                long n = Math.min(end, rowStart + rowBytes) - pos;
                MemorySegment.copy(scratch, pos - rowStart, dst, pos - byteOffset, n);
                pos += n;
            }
        }
    }
}
