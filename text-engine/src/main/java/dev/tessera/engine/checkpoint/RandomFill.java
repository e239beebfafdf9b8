package dev.tessera.engine.checkpoint;

import dev.tessera.engine.kernels.Bf16;
import dev.tessera.engine.kernels.Simd;
import dev.tessera.engine.safetensors.TensorSource;
import dev.tessera.engine.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one random tensor, computed from (seed, tensor name, element index) alone: SplitMix64 of a
 * counter gives 64 random bits per 4 elements, 16 bits each. Being counter-based, any piece can be filled
 * without generating what comes before it, and a tensor's values do not depend on the chunk size, the
 * sharding, or which other tensors (how many layers) the model has.
 *
 * <p>16 bits of randomness per element is more than bf16's 8-bit mantissa can hold. The vector block is
 * the hot spot of {@code make-random}: the scalar loop (one hash, four multiply-adds and roundings per 4
 * elements) makes about 1 GB/s of bf16, slower than a disk; the Vector API version ({@link SimdRandomFill})
 * hashes a whole vector of counters at once and computes bit-identical values (same float operations in the
 * same order). Without the Vector API (see {@link Simd}) the scalar loop does it all.
 */
final class RandomFill implements TensorSource {
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long key;
    private final float center, scale;
    private final long zeroElements;
    private final DType dtype;

    RandomFill(long seed, PlannedTensor t, DType dtype) {
        if (dtype != DType.BF16 && dtype != DType.F32) throw new IllegalArgumentException("dtype " + dtype);
        this.key = mix(seed ^ mix(fnv1a(t.name())));
        this.center = t.center();
        this.scale = t.halfWidth() / 32768f;
        this.zeroElements = t.zeroElements();
        this.dtype = dtype;
    }

    @Override
    public void fill(long byteOffset, MemorySegment dst) {
        int eb = dtype.bytes();
        long i = byteOffset / eb, end = i + dst.byteSize() / eb, pos = 0;
        if (i < zeroElements) {
            long z = Math.min(end, zeroElements) - i;
            dst.asSlice(0, z * eb).fill((byte) 0);
            i += z;
            pos += z * eb;
        }
        for (; i < end && (i & 3) != 0; i++, pos += eb) put(dst, pos, value(i));
        // SimdRandomFill is touched only when the Vector API is there (see Simd)
        long vectorEnd = Simd.ENABLED ? i + (end - i) / SimdRandomFill.STEP * SimdRandomFill.STEP : i;
        if (vectorEnd > i) {
            SimdRandomFill.fill(dst, pos, i, vectorEnd, key, scale, center, dtype);
            pos += (vectorEnd - i) * eb;
            i = vectorEnd;
        }
        if (dtype == DType.BF16) {
            for (; i + 4 <= end; i += 4, pos += 8) {
                long w = mix(key + (i >>> 2) * GOLDEN);
                long packed = bf16(w) | bf16(w >>> 16) << 16 | bf16(w >>> 32) << 32 | bf16(w >>> 48) << 48;
                dst.set(LONG_LE, pos, packed);
            }
        } else {
            for (; i + 4 <= end; i += 4, pos += 16) {
                long w = mix(key + (i >>> 2) * GOLDEN);
                for (int lane = 0; lane < 4; lane++) dst.set(FLOAT_LE, pos + 4L * lane, f32(w >>> (16 * lane)));
            }
        }
        for (; i < end; i++, pos += eb) put(dst, pos, value(i));
    }

    /** Element i, for the unaligned head and tail of a piece and for tests. */
    float value(long i) {
        if (i < zeroElements) return 0f;
        return f32(mix(key + (i >>> 2) * GOLDEN) >>> (16 * (i & 3)));
    }

    private void put(MemorySegment dst, long pos, float v) {
        if (dtype == DType.BF16) dst.set(SHORT_LE, pos, Bf16.fromFloat(v));
        else dst.set(FLOAT_LE, pos, v);
    }

    /** The low 16 bits as a signed value, mapped to [center - half, center + half). */
    private float f32(long bits) {
        return center + (short) bits * scale;
    }

    /** Round-to-nearest-even to bf16 (the values are finite), as {@link Bf16#fromFloat}, inlined for speed. */
    private long bf16(long bits) {
        int f = Float.floatToRawIntBits(f32(bits));
        return ((f + 0x7FFF + ((f >>> 16) & 1)) >>> 16) & 0xFFFFL;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        return h;
    }
}
