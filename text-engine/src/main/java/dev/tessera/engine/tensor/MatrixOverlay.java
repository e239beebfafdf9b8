package dev.tessera.engine.tensor;

/**
 * Replacement storage for some of a checkpoint's matrices, e.g. their quantized copies: asked by name when a
 * layer takes a tensor as a matrix, it answers the replacement or null (then the checkpoint's tensor is used).
 */
public interface MatrixOverlay extends AutoCloseable {
    /** The replacement for tensor {@code name}, or null. */
    WeightMatrix matrix(String name);

    @Override
    void close();
}
