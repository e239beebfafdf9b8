package dev.tessera.vision.model;

/**
 * The vision encoder's attention mask for one image (HF {@code _prepare_aspect_ratio_attention_mask}).
 * Token t*P8 + p is <em>marked</em> if it is a padding patch (p >= P) or lies in a tile the image does not use
 * (aspect_ratio_mask 0, i.e. t >= numTiles). Only marked-to-marked pairs are blocked (bias finfo.min):
 * real tokens attend to padding and to empty tiles, as the model was trained. Shared by all local and
 * global layers; the attention kernel applies it per (query, key) without building the pair matrix.
 */
public final class VisionAttentionMask {
    private final boolean[] marked; // (tiles * P8)

    private VisionAttentionMask(boolean[] marked) {
        this.marked = marked;
    }

    /**
     * @param tiles        max_num_tiles (all tiles are in the sequence)
     * @param patches      P, patches per tile including the class token
     * @param paddedPatches P8, P rounded up to a multiple of 8
     * @param numTiles     tiles with aspect_ratio_mask = 1
     */
    public static VisionAttentionMask of(int tiles, int patches, int paddedPatches, int numTiles) {
        boolean[] m = new boolean[tiles * paddedPatches];
        for (int t = 0; t < tiles; t++) {
            for (int p = 0; p < paddedPatches; p++) m[t * paddedPatches + p] = p >= patches || t >= numTiles;
        }
        return new VisionAttentionMask(m);
    }

    public int tokens() {
        return marked.length;
    }

    /** Per token: padding patch or empty tile. The array the attention kernel reads; do not modify. */
    public boolean[] marked() {
        return marked;
    }

    /** Whether query i may not attend to key j. */
    public boolean blocked(int i, int j) {
        return marked[i] && marked[j];
    }
}
