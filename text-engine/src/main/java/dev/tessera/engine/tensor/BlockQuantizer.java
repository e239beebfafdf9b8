package dev.tessera.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Float rows to llama.cpp's Q8_0 / Q4_0 blocks, with llama.cpp's rounding (its {@code quantize_row_q8_0_ref} and
 * {@code quantize_row_q4_0_ref}), so a model quantized here holds the same numbers as the same model quantized by
 * llama.cpp from the same weights.
 */
public final class BlockQuantizer {
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int B = Quantization.BLOCK;

    private BlockQuantizer() {}

    /**
     * Quantizes x[xo .. xo + cols) into dst at byte offset off. Real models have cols a multiple of 32; otherwise
     * (tiny test models) the last block is quantized zero-padded, and the padding is never read back.
     */
    public static void quantizeRow(Quantization q, float[] x, int xo, int cols, MemorySegment dst, long off) {
        if (q == Quantization.BF16) throw new IllegalArgumentException("bf16 is not a block format");
        int full = cols / B;
        for (int b = 0; b < full; b++) block(q, x, xo + b * B, dst, off + (long) b * q.blockBytes());
        if (cols % B != 0) {
            float[] padded = new float[B];
            System.arraycopy(x, xo + full * B, padded, 0, cols % B);
            block(q, padded, 0, dst, off + (long) full * q.blockBytes());
        }
    }

    private static void block(Quantization q, float[] x, int o, MemorySegment dst, long off) {
        if (q == Quantization.Q8_0) q8Block(x, o, dst, off);
        else q4Block(x, o, dst, off);
    }

    /** d = max|x| / 127, q = round(x / d) (half away from zero, as C's roundf). */
    static void q8Block(float[] x, int o, MemorySegment dst, long off) {
        float amax = 0;
        for (int j = 0; j < B; j++) amax = Math.max(amax, Math.abs(x[o + j]));
        float d = amax / 127f, id = d != 0 ? 1f / d : 0f;
        dst.set(SHORT_LE, off, Float.floatToFloat16(d));
        for (int j = 0; j < B; j++) dst.set(ValueLayout.JAVA_BYTE, off + 2 + j, (byte) roundf(x[o + j] * id));
    }

    /**
     * d = m / -8 where m is the value of largest magnitude (so it maps to -8 exactly), q = min(15, (int)(x / d + 8.5));
     * byte j holds weight j in its low nibble and weight j + 16 in its high nibble.
     */
    static void q4Block(float[] x, int o, MemorySegment dst, long off) {
        float amax = 0, max = 0;
        for (int j = 0; j < B; j++) {
            float v = x[o + j];
            if (Math.abs(v) > amax) {
                amax = Math.abs(v);
                max = v;
            }
        }
        float d = max / -8f, id = d != 0 ? 1f / d : 0f;
        dst.set(SHORT_LE, off, Float.floatToFloat16(d));
        for (int j = 0; j < B / 2; j++) {
            int lo = Math.min(15, (int) (byte) (x[o + j] * id + 8.5f));
            int hi = Math.min(15, (int) (byte) (x[o + j + B / 2] * id + 8.5f));
            dst.set(ValueLayout.JAVA_BYTE, off + 2 + j, (byte) (lo | (hi << 4)));
        }
    }

    static int roundf(float v) {
        return (int) (v < 0 ? -Math.floor(-v + 0.5f) : Math.floor(v + 0.5f));
    }
}
