package dev.tessera.engine.generate;

/**
 * What a generation produced, and how long its parts took.
 *
 * @param generatedIds   new tokens, the stop id included if one was hit
 * @param finishReason   "stop", "length" or "cancelled"
 * @param firstStepTop5Ids / firstStepTop5Logits the five largest logits that chose the first token
 */
public record GenerationResult(int[] promptIds, int[] generatedIds, String finishReason, int[] firstStepTop5Ids,
                               float[] firstStepTop5Logits, long prefillNanos, long decodeNanos) {
    public double prefillMs() {
        return prefillNanos / 1e6;
    }

    public double decodeMs() {
        return decodeNanos / 1e6;
    }

    /** Decode speed over the tokens after the first (the first comes from the prefill logits). */
    public double decodeTokensPerSecond() {
        int decoded = Math.max(0, generatedIds.length - 1);
        return decodeNanos == 0 ? 0 : decoded / (decodeNanos / 1e9);
    }

    public double prefillTokensPerSecond() {
        return prefillNanos == 0 ? 0 : promptIds.length / (prefillNanos / 1e9);
    }
}
