package dev.tessera.engine.gguf;

import java.io.IOException;

/**
 * One tensor of a GGUF file: its name, its dimensions in ggml order (innermost first, so a Hugging Face
 * [out, in] matrix is {in, out}), its type, and how to produce its bytes when the writer reaches it.
 */
public record GgufTensor(String name, long[] dims, GgmlType type, Data data) {
    /** Writes exactly {@link #byteSize()} bytes to the sink, in order. */
    public interface Data {
        void writeTo(GgufSink sink) throws IOException;
    }

    public GgufTensor {
        dims = dims.clone();
        if (dims[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException(name + ": row of " + dims[0] + " is not a multiple of " + type + "'s block");
        }
    }

    public long rows() {
        long r = 1;
        for (int i = 1; i < dims.length; i++) r *= dims[i];
        return r;
    }

    public long byteSize() {
        return type.rowBytes(dims[0]) * rows();
    }
}
