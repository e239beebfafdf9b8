package dev.tessera.vision.model;

/**
 * The vision tower's output for one image: {@code features} is (tiles, patches, dim) row-major, all
 * {@code max_num_tiles} tiles (empty ones too), padding patches removed, class token first in each tile.
 * Each row is {@code [final hidden state (Hv) | intermediate features interleaved (Hv * K)]}: feature
 * {@code Hv + h*K + k} is channel h of intermediate layer k.
 */
public record VisionOutput(float[] features, int tiles, int patches, int dim) {

    /** Offset of (tile, patch) in {@link #features}. */
    public int offset(int tile, int patch) {
        return (tile * patches + patch) * dim;
    }

    /** Number of vision tokens, tiles * patches (the cross-attention keys of this image). */
    public int tokens() {
        return tiles * patches;
    }
}
