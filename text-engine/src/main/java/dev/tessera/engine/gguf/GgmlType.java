package dev.tessera.engine.gguf;

import dev.tessera.engine.tensor.Quantization;

/**
 * The ggml tensor types a GGUF export writes, with ggml's numbers ({@code enum ggml_type}) and the file type
 * llama.cpp records for a model that is mostly of that type ({@code enum llama_ftype}).
 */
public enum GgmlType {
    F32(0, 1, 4, 0),
    Q4_0(2, 32, 18, 2),
    Q8_0(8, 32, 34, 7),
    BF16(30, 1, 2, 32);

    private final int id, blockSize, blockBytes, fileType;

    GgmlType(int id, int blockSize, int blockBytes, int fileType) {
        this.id = id;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
        this.fileType = fileType;
    }

    public int id() {
        return id;
    }

    /** Elements per block (1 for the plain types); a row's length must be a multiple of it. */
    public int blockSize() {
        return blockSize;
    }

    public long rowBytes(long cols) {
        return cols / blockSize * blockBytes;
    }

    /** {@code general.file_type} of a model whose large matrices have this type. */
    public int fileType() {
        return fileType;
    }

    public static GgmlType of(Quantization q) {
        return switch (q) {
            case BF16 -> BF16;
            case Q8_0 -> Q8_0;
            case Q4_0 -> Q4_0;
        };
    }

    public static GgmlType byId(int id) {
        for (GgmlType t : values()) if (t.id == id) return t;
        return null;
    }
}
