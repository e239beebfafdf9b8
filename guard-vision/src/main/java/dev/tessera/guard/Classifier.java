package dev.tessera.guard;

import dev.tessera.engine.chat.ChatMessage;
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

    /**
     * One check that never throws: the last turn of {@code conversation} (user or assistant; system messages
     * are ignored), with its images already read. Anything that keeps the guard from answering - a folder that
     * does not load, an engine error, a conversation the guard cannot show - comes back as an
     * {@link Verdict.Kind#ERROR} verdict with the reason, so callers (the desktop app, captioning) that act on
     * {@code verdict().isSafe()} fail closed without handling exceptions themselves.
     */
    default GuardResult check(List<ChatMessage> conversation, List<SourceImage> images, Cancellation cancel) {
        GuardRole role = !conversation.isEmpty() && conversation.getLast().role().equals("assistant") ? GuardRole.AGENT : GuardRole.USER;
        try {
            GuardResult r = classify(GuardConversation.of(conversation), images, cancel);
            return r == null || r.verdict() == null ? GuardResult.failed(role, "the guard returned no verdict") : r;
        } catch (RuntimeException | OutOfMemoryError e) {
            String msg = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            return GuardResult.failed(role, msg.lines().findFirst().orElse(msg));
        }
    }
}
