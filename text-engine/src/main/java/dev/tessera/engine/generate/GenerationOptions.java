package dev.tessera.engine.generate;

/**
 * How to generate: token budget, sampling, stop ids.
 *
 * @param temperature 0 = greedy
 * @param topK        0 = no top-k cut
 */
public record GenerationOptions(int maxNewTokens, double temperature, double topP, int topK, long seed, int[] stopIds) {
    public static GenerationOptions greedy(int maxNewTokens, int[] stopIds) {
        return new GenerationOptions(maxNewTokens, 0, 1, 0, 0, stopIds);
    }

    boolean isStop(int id) {
        for (int s : stopIds) if (s == id) return true;
        return false;
    }
}
