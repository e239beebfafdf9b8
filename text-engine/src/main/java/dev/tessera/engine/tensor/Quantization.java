package dev.tessera.engine.tensor;

import dev.tessera.engine.BadInputException;
import java.util.Locale;

/**
 * How the large matrices of the text decoder are stored while the model runs. BF16 reads the checkpoint in
 * place; Q8_0 and Q4_0 are llama.cpp's block formats (32 weights share one fp16 scale), made on load from the
 * checkpoint: fewer bytes per weight is faster decoding, which streams every weight once per token.
 */
public enum Quantization {
    /** The checkpoint's own bf16 weights, read in place (2 bytes a weight). */
    BF16(0),
    /** {@code block_q8_0}: fp16 scale d, 32 int8 q; weight = d * q (34 bytes per 32 weights). */
    Q8_0(2 + 32),
    /** {@code block_q4_0}: fp16 scale d, 16 bytes of nibbles; weight j = d * (nibble - 8) (18 bytes per 32). */
    Q4_0(2 + 16);

    /** Weights per block. */
    public static final int BLOCK = 32;

    private final int blockBytes;

    Quantization(int blockBytes) {
        this.blockBytes = blockBytes;
    }

    /** Bytes of one block of 32 weights (0 for BF16, which has no blocks). */
    public int blockBytes() {
        return blockBytes;
    }

    /** Blocks of one row of {@code cols} weights: a last, partial block is zero-padded to 32. */
    public static int blocks(int cols) {
        return (cols + BLOCK - 1) / BLOCK;
    }

    /** Bytes of one row of {@code cols} weights. */
    public long rowBytes(int cols) {
        return this == BF16 ? 2L * cols : (long) blocks(cols) * blockBytes;
    }

    /** The spelling of the command line and the cache files: bf16, q8_0, q4_0. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Quantization parse(String s) {
        for (Quantization q : values()) {
            if (q.id().equalsIgnoreCase(s.trim())) return q;
        }
        throw new BadInputException("unknown quantization '" + s + "': use bf16, q8_0 or q4_0");
    }
}
