package dev.tessera.desktop.engine;

/**
 * A finished (or stopped) answer and what it cost.
 *
 * @param imageEncodeMs   time spent encoding images for this answer; 0 when every image came from the cache
 * @param imageCacheHit   true when the images were already encoded (a follow-up question)
 * @param tokensPerSecond decode speed
 */
public record EngineReply(String text, Finish finish, int promptTokens, int generatedTokens, double imageEncodeMs,
                          boolean imageCacheHit, double prefillMs, double tokensPerSecond) {
    public enum Finish {
        /** the model ended its answer */
        DONE,
        /** the token budget ran out */
        LENGTH,
        /** the Stop button */
        STOPPED
    }
}
