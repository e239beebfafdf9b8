package dev.tessera.engine.safetensors;

import java.lang.foreign.MemorySegment;

/**
 * Produces a tensor's bytes piece by piece, so that a tensor of gigabytes never has to exist in memory
 * while it is written: the writer hands out slices of its output buffer and the source fills them.
 */
@FunctionalInterface
public interface TensorSource {
    /**
     * Writes bytes {@code [byteOffset, byteOffset + dst.byteSize())} of the tensor's little-endian data into
     * {@code dst}. Pieces arrive in order, and {@code byteOffset} and {@code dst.byteSize()} are multiples of
     * the element size (the writer orders tensors so that each starts aligned to its own element size).
     */
    void fill(long byteOffset, MemorySegment dst);

    /** A tensor whose bytes are already at hand (small tensors, tests). */
    static TensorSource of(byte[] littleEndianBytes) {
        MemorySegment src = MemorySegment.ofArray(littleEndianBytes);
        return (off, dst) -> MemorySegment.copy(src, off, dst, 0, dst.byteSize());
    }

    /** All bytes zero. */
    static TensorSource zeros() {
        return (off, dst) -> dst.fill((byte) 0);
    }
}
