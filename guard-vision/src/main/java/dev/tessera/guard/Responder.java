package dev.tessera.guard;

import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.mllama.Answer;
import dev.tessera.mllama.SourceImage;
import java.util.List;
import java.util.function.Consumer;

/** The main model's side of an exchange, as the guarded assistant sees it (tests use a stand-in). */
@FunctionalInterface
public interface Responder {
    /**
     * Answers the last user turn of {@code conversation}, handing text to {@code text} as it is generated.
     *
     * @param images the conversation's images in order, already read (shared with the guard)
     */
    Reply respond(List<ChatMessage> conversation, List<SourceImage> images, Consumer<String> text, Cancellation cancel);

    /**
     * @param answer the engine's record (prompt, ids, timings); null for a stand-in
     */
    record Reply(String text, String finishReason, Answer answer) {}
}
