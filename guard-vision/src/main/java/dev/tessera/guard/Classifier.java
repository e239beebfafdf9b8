package dev.tessera.guard;

import dev.tessera.engine.generate.Cancellation;
import dev.tessera.mllama.SourceImage;
import java.util.List;

/**
 * Something that classifies the last turn of a conversation: the real guard ({@link GuardModel},
 * {@link LazyGuard}) or, in tests, a deterministic stand-in.
 */
public interface Classifier {
    /**
     * Classifies the last turn of {@code conversation}.
     *
     * @param images the conversation's images, in the order of its image items, already read; the guard
     *               encodes them with its own vision encoder (from its cache when it saw them before)
     * @throws RuntimeException when the guard cannot run at all; the policy turns that into a blocking error
     */
    GuardResult classify(GuardConversation conversation, List<SourceImage> images, Cancellation cancel);
}
