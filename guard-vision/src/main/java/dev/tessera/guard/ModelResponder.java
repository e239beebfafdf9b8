package dev.tessera.guard;

import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.tokenizer.StreamingDecoder;
import dev.tessera.mllama.Answer;
import dev.tessera.mllama.Conversation;
import dev.tessera.mllama.Prompt;
import dev.tessera.mllama.SourceImage;
import dev.tessera.mllama.VisionLanguageModel;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The main model as a {@link Responder}: renders the conversation with its own chat template and answers
 * through one {@link Conversation}, so follow-up turns reuse its KV cache and the image encodings.
 */
public final class ModelResponder implements Responder {
    private final VisionLanguageModel vlm;
    private final Conversation conversation;
    private final GenerationOptions options;
    private final int maxTiles;
    private final Map<String, ?> templateVariables;

    public ModelResponder(VisionLanguageModel vlm, GenerationOptions options, int maxTiles, Map<String, ?> templateVariables) {
        this.vlm = vlm;
        this.conversation = new Conversation(vlm);
        this.options = options;
        this.maxTiles = maxTiles;
        this.templateVariables = Map.copyOf(templateVariables);
    }

    @Override
    public Reply respond(List<ChatMessage> messages, List<SourceImage> images, Consumer<String> text, Cancellation cancel) {
        return respond(vlm.chatPrompt(messages, templateVariables), images, text, cancel);
    }

    /** Answers a prompt built elsewhere (a raw prompt, or one already shown by --dry-run). */
    public Reply respond(Prompt prompt, List<SourceImage> images, Consumer<String> text, Cancellation cancel) {
        StreamingDecoder stream = vlm.tokenizer().streamingDecoder(true);
        StringBuilder all = new StringBuilder();
        Answer a = conversation.answer(prompt, images, maxTiles, options, id -> {
            String piece = stream.push(id);
            if (!piece.isEmpty()) {
                all.append(piece);
                text.accept(piece);
            }
        }, cancel);
        String rest = stream.flush();
        if (!rest.isEmpty()) {
            all.append(rest);
            text.accept(rest);
        }
        return new Reply(all.toString(), a.result().finishReason(), a);
    }

    /** Forgets the conversation's cache (a new chat). */
    public void reset() {
        conversation.reset();
    }
}
