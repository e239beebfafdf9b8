package dev.tessera.engine.sampling;

import dev.tessera.engine.kernels.VectorMath;
import java.util.SplittableRandom;

/** Picks the next token from logits. */
@FunctionalInterface
public interface Sampler {
    int sample(float[] logits);

    Sampler GREEDY = logits -> VectorMath.argmax(logits, logits.length);

    /**
     * Greedy when temperature is 0; otherwise softmax(logits / temperature) restricted to the top-k
     * (k = 0: all) and then to the smallest set whose probability reaches top-p, drawn with a seeded generator.
     */
    static Sampler of(double temperature, double topP, int topK, long seed) {
        if (temperature <= 0) return GREEDY;
        return new TopKTopPSampler((float) temperature, (float) topP, topK, new SplittableRandom(seed));
    }
}
