package dev.tessera.engine.checkpoint;

import dev.tessera.engine.kernels.Bf16;
import dev.tessera.engine.safetensors.TensorSource;
import dev.tessera.engine.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The bytes of one random tensor, computed from (seed, tensor name, element index) alone: SplitMix64 of a
 * counter gives 64 random bits per 4 elements, 16 bits each. Being counter-based, any piece can be filled
 * without generating what comes before it, and a tensor's values do not depend on the chunk size, the
 * sharding, or which other tensors (how many layers) the model has.
 *
 * <p>16 bits of randomness per element is more than bf16's 8-bit mantissa can hold. {@link #vectorBlock} is
 * the hot spot of {@code make-random}: the scalar loop (one hash, four multiply-adds and roundings per 4
 * elements) makes about 1 GB/s of bf16, slower than a disk; the Vector API version hashes a whole vector of
 * counters at once and computes bit-identical values (same float operations in the same order).
 */
final class RandomFill implements TensorSource {
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorShape SHAPE = LONGS.vectorShape();
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SHAPE);
    private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, SHAPE);
    /** Elements per vector step: 4 per 64-bit hash. */
    private static final int STEP = 4 * LONGS.length();

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
        long vectorEnd = i + (end - i) / STEP * STEP;
        if (vectorEnd > i) {
            vectorBlock(dst, pos, i, vectorEnd);
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

    /** Elements [from, to) at byte {@code pos}; {@code from} is a multiple of 4, the count of {@link #STEP}. */
    private void vectorBlock(MemorySegment dst, long pos, long from, long to) {
        LongVector counter = LongVector.broadcast(LONGS, from >>> 2).addIndex(1).mul(GOLDEN).add(key);
        LongVector stride = LongVector.broadcast(LONGS, LONGS.length() * GOLDEN);
        FloatVector vScale = FloatVector.broadcast(FLOATS, scale), vCenter = FloatVector.broadcast(FLOATS, center);
        int half = INTS.length();
        for (long i = from; i < to; i += STEP, counter = counter.add(stride)) {
            LongVector z = counter;
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            if (dtype == DType.BF16) {
                // Little-endian: int lane m holds element 2m in its low 16 bits and 2m + 1 in its high 16 bits,
                // so both bf16 results go back into the same lane - no lane shuffles (narrowing ints to shorts
                // through the Vector API runs at a fifth of this speed).
                IntVector pairs = z.reinterpretAsInts();
                IntVector even = bf16Bits(pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16), vScale, vCenter);
                IntVector odd = bf16Bits(pairs.lanewise(VectorOperators.ASHR, 16), vScale, vCenter);
                even.lanewise(VectorOperators.LSHR, 16).or(odd.and(0xFFFF0000))
                        .intoMemorySegment(dst, pos, ByteOrder.LITTLE_ENDIAN);
            } else {
                ShortVector bits = z.reinterpretAsShorts();
                for (int part = 0; part < 2; part++) {
                    IntVector r = (IntVector) bits.convertShape(VectorOperators.S2I, INTS, part);
                    ((FloatVector) r.convertShape(VectorOperators.I2F, FLOATS, 0)).mul(vScale).add(vCenter)
                            .intoMemorySegment(dst, pos + 4L * part * half, ByteOrder.LITTLE_ENDIAN);
                }
            }
            pos += (long) STEP * dtype.bytes();
        }
    }

    /** center + r * scale as float bits plus the round-to-nearest-even increment; bf16 is the upper 16 bits. */
    private static IntVector bf16Bits(IntVector r, FloatVector vScale, FloatVector vCenter) {
        IntVector f = ((FloatVector) r.convertShape(VectorOperators.I2F, vScale.species(), 0)).mul(vScale).add(vCenter)
                .reinterpretAsInts();
        return f.add(f.lanewise(VectorOperators.LSHR, 16).and(1)).add(0x7FFF);
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
