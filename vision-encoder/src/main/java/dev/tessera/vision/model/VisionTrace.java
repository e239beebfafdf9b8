package dev.tessera.vision.model;

/** Optional view of the encoder's intermediate tensors (for conformance tests and debugging). */
public interface VisionTrace {
    /** (maxTiles * P8, Hv) after the embeddings, layernorm_pre and padding. */
    default void afterLayernormPre(float[] x) {}

    /** The tokens whose pairs are blocked in attention (padding patches, empty tiles). */
    default void maskedTokens(boolean[] masked) {}

    /** (maxTiles * P8, Hv) output of the last local layer, before layernorm_post. */
    default void localOutput(float[] x) {}

    VisionTrace NONE = new VisionTrace() {};
}
