package dev.tessera.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** The vector shapes of the block formats' kernels ({@link SimdQ8}, {@link SimdQ4}); loaded only with the Vector API. */
final class SimdBlocks {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** As many bytes as F has float lanes (one load widens to one float vector); null below 8 lanes. */
    static final VectorSpecies<Byte> B8 = F.length() >= 8
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8)) : null;
    static final int L = F.length();

    private SimdBlocks() {}
}
