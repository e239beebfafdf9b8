package dev.tessera.engine.tensor;

import java.util.Optional;

/** Element types of safetensors files. Tessera computes in float32 from BF16, F16 and F32 weights. */
public enum DType {
    BF16(2), F16(2), F32(4), F64(8), I8(1), U8(1), I16(2), U16(2), I32(4), U32(4), I64(8), U64(8), BOOL(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** The safetensors header spelling ("BF16", "F32", ...), if known. */
    public static Optional<DType> parse(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) return Optional.of(t);
        }
        return Optional.empty();
    }

    public boolean isFloat() {
        return this == BF16 || this == F16 || this == F32 || this == F64;
    }
}
