package dev.tessera.engine.sampling;

import java.util.SplittableRandom;

/** Temperature, top-k and nucleus (top-p) sampling; candidates are the tokens above a cut-off, sorted once. */
final class TopKTopPSampler implements Sampler {
    private final float temperature, topP;
    private final int topK;
    private final SplittableRandom random;

    TopKTopPSampler(float temperature, float topP, int topK, SplittableRandom random) {
        this.temperature = temperature;
        this.topP = topP <= 0 || topP > 1 ? 1f : topP;
        this.topK = topK;
        this.random = random;
    }

    @Override
    public int sample(float[] logits) {
        int n = logits.length;
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        // Tokens with probability below (1-topP)/n can never be in the nucleus: drop them before sorting.
        double cutoff = topP < 1 ? (1 - topP) / (n - 1) * sum : 0;
        Integer[] idx = java.util.stream.IntStream.range(0, n).filter(i -> p[i] >= cutoff).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(p[b], p[a]));
        int keep = topK > 0 ? Math.min(topK, idx.length) : idx.length;
        double kept = 0;
        for (int i = 0; i < keep; i++) kept += p[idx[i]];
        double target = topP * kept, acc = 0;
        int last = keep - 1;
        for (int i = 0; i < keep; i++) {
            acc += p[idx[i]];
            if (acc >= target) {
                last = i;
                break;
            }
        }
        double mass = 0;
        for (int i = 0; i <= last; i++) mass += p[idx[i]];
        double r = random.nextDouble() * mass;
        for (int i = 0; i <= last; i++) {
            r -= p[idx[i]];
            if (r <= 0) return idx[i];
        }
        return idx[last];
    }
}
