package dev.tessera.mllama;

/**
 * One image as the decoder sees it: the projector's output for all maxTiles x P vision tokens
 * (padding-free patches, unused tiles included, as the reference keeps them), and how many tiles are real.
 *
 * @param crossStates (maxTiles * patchesPerTile, D)
 */
public record ImageFeatures(float[] crossStates, int tiles, int numTiles, int patchesPerTile) {
    public int tokens() {
        return tiles * patchesPerTile;
    }
}
