package dev.tessera.engine.checkpoint;

import dev.tessera.engine.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RandomFill}'s hot loop on the Vector API (loaded only when {@link dev.tessera.engine.kernels.Simd#ENABLED}):
 * a whole vector of counters hashed at once, bit-identical to the scalar loop (same float operations in the
 * same order).
 */
final class SimdRandomFill {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorShape SHAPE = LONGS.vectorShape();
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SHAPE);
    private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, SHAPE);
    /** Elements per vector step: 4 per 64-bit hash. */
    static final int STEP = 4 * LONGS.length();

    private SimdRandomFill() {}

    /** Elements [from, to) at byte {@code pos}; {@code from} is a multiple of 4, the count of {@link #STEP}. */
    static void fill(MemorySegment dst, long pos, long from, long to, long key, float scale, float center, DType dtype) {
        LongVector counter = LongVector.broadcast(LONGS, from >>> 2).addIndex(1).mul(RandomFill.GOLDEN).add(key);
        LongVector stride = LongVector.broadcast(LONGS, LONGS.length() * RandomFill.GOLDEN);
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
}
