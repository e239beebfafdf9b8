package dev.tessera.desktop.engine;

/**
 * How to answer.
 *
 * @param maxTiles    560-pixel tiles per image: 4 = fine detail, 1 = fast
 * @param temperature 0 = greedy (the same answer every time)
 * @param threads     kernel threads; 0 = all cores
 */
public record GenerationSettings(int maxTiles, int maxNewTokens, double temperature, double topP, long seed, int threads) {
    public GenerationSettings {
        if (maxTiles < 1 || maxTiles > 4) throw new IllegalArgumentException("maxTiles must be 1..4, got " + maxTiles);
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
    }

    public GenerationSettings withSeed(long s) {
        return new GenerationSettings(maxTiles, maxNewTokens, temperature, topP, s, threads);
    }
}
