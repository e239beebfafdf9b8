package dev.tessera.desktop.engine;

import java.nio.file.Path;

/**
 * What the window needs from a model, and nothing more. Every method may block for a long time and is
 * called on a background thread, never on the JavaFX thread. The real implementation ({@link VlmChatEngine})
 * is the only place that touches the engine; tests use a scripted stand-in.
 */
public interface ChatEngine extends AutoCloseable {

    /** Loads (or replaces) the model in {@code dir}; returns what was loaded. */
    ModelDescription load(Path dir);

    /**
     * Loads the model with its decoder weights in {@code weights} (quantized on the first load, then cached).
     * Stand-ins that have no weights ignore the format.
     */
    default ModelDescription load(Path dir, WeightFormat weights) {
        return load(dir);
    }

    /** The loaded model, or null. */
    ModelDescription model();

    /**
     * Answers the last user turn of {@code request}, streaming text pieces to {@code sink} as they are decoded.
     * Returns when the answer is complete, the budget is spent, or {@code cancel} was cancelled (the reply then
     * says {@link EngineReply.Finish#STOPPED}). Follow-ups in the same conversation reuse the cached image work.
     */
    EngineReply ask(ChatRequest request, TokenSink sink, CancelToken cancel);

    /** Drops whatever is cached for a conversation (deleted, or a regenerated answer). */
    void forget(String conversationId);

    @Override
    void close();
}
