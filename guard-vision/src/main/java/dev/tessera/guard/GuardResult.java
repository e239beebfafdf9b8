package dev.tessera.guard;

/**
 * One guard check: the verdict, the prompt it answered (null when the check failed before a prompt existed,
 * or for a stand-in classifier), and where the time went.
 */
public record GuardResult(Verdict verdict, GuardRole role, GuardPrompt prompt, Timings timings) {

    /**
     * @param loadMs        opening the guard model for this check (0 when it was already open)
     * @param imageEncodeMs the guard's own vision encoder (0 when its image cache had the image)
     * @param prefillMs     the prompt and verdict prefix in one pass: this pass also yields P(unsafe)
     * @param decodeMs      the verdict's remaining tokens
     * @param promptTokens  the prompt and verdict prefix
     * @param reusedTokens  of those, the leading ones whose keys and values the previous check of the same role
     *                      already held (not prefilled again)
     * @param imagesChecked images seen; with several, each was checked in its own pass
     */
    public record Timings(double loadMs, double imageEncodeMs, double prefillMs, double decodeMs, int promptTokens,
                          int reusedTokens, int generatedTokens, int imagesChecked) {
        public static final Timings NONE = new Timings(0, 0, 0, 0, 0, 0, 0, 0);

        public double totalMs() {
            return loadMs + imageEncodeMs + prefillMs + decodeMs;
        }

        Timings plus(Timings o) {
            return new Timings(loadMs + o.loadMs, imageEncodeMs + o.imageEncodeMs, prefillMs + o.prefillMs,
                    decodeMs + o.decodeMs, Math.max(promptTokens, o.promptTokens), Math.min(reusedTokens, o.reusedTokens),
                    generatedTokens + o.generatedTokens,
                    imagesChecked + o.imagesChecked);
        }

        /** The same timings with the given load time (for a caller that opened the model itself). */
        public Timings withLoadMs(double ms) {
            return new Timings(ms, imageEncodeMs, prefillMs, decodeMs, promptTokens, reusedTokens, generatedTokens, imagesChecked);
        }
    }

    public static GuardResult failed(GuardRole role, String reason) {
        return new GuardResult(Verdict.error(reason), role, null, Timings.NONE);
    }
}
