package dev.tessera.vision.model;

/**
 * Sees the (tiles * P8, Hv) hidden sequence of one image at fixed points of the encoder (tests compare them
 * with the reference). {@code x} is the live buffer: copy what you keep.
 */
@FunctionalInterface
public interface VisionObserver {
    enum Point {
        /** After patch embedding, embeddings, class token, {@code layernorm_pre} and zero padding to P8. */
        AFTER_LN_PRE,
        /** Entering local layer {@code layer}. */
        LOCAL_LAYER_INPUT,
        /** The output of the last local layer, before {@code layernorm_post}. */
        LOCAL_OUTPUT,
        /** Entering global layer {@code layer} (the first one sees the post-tile embedded sequence). */
        GLOBAL_LAYER_INPUT,
        /** The output of the last global layer, padding still in place. */
        GLOBAL_OUTPUT
    }

    VisionObserver NONE = (point, layer, x, tokens) -> {};

    void hiddenStates(Point point, int layer, float[] x, int tokens);
}
