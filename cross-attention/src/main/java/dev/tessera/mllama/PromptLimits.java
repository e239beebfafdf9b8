package dev.tessera.mllama;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.generate.GenerationOptions;

/**
 * Limits that keep one request from exhausting the machine or overrunning what the model can attend to; each
 * violation is refused with a message that says which limit and what to do - never silently trimmed.
 */
public final class PromptLimits {
    /**
     * Images per message. Each image is encoded as up to 4 tiles of 1601 patches and keeps keys/values in every
     * cross-attention layer: about 0.5 GiB of heap for the 11B model, seconds of encoding. The model card
     * recommends one image; four leaves room for comparisons without letting a message pin gigabytes.
     */
    public static final int MAX_IMAGES_PER_MESSAGE = 4;

    private PromptLimits() {}

    /** {@code where}: the message (or prompt) that holds {@code count} images. */
    static void checkImages(String where, int count) {
        if (count > MAX_IMAGES_PER_MESSAGE) {
            throw new BadInputException(where + " has " + count + " images; at most " + MAX_IMAGES_PER_MESSAGE
                    + " per message are allowed (each takes about 0.5 GiB with the 11B model)");
        }
    }

    /** The prompt, if it leaves room in the context for at least one generated token. */
    static Prompt checked(Prompt p, int contextTokens) {
        if (p.ids().length >= contextTokens) {
            throw new BadInputException("the prompt is " + p.ids().length + " tokens, but the context holds "
                    + contextTokens + " (--context) with room for the answer: shorten it or start a new conversation");
        }
        return p;
    }

    /**
     * The options with the token budget cut to what the context has left after {@code promptTokens}: the KV
     * cache never grows past the context, and the positions never past what RoPE was trained for.
     */
    static GenerationOptions fitted(GenerationOptions o, int promptTokens, int contextTokens) {
        if (promptTokens >= contextTokens) {
            throw new BadInputException("the conversation is " + promptTokens + " tokens, but the context holds "
                    + contextTokens + " (--context) with room for the answer: start a new conversation");
        }
        int budget = Math.min(o.maxNewTokens(), contextTokens - promptTokens);
        if (budget == o.maxNewTokens()) return o;
        return new GenerationOptions(budget, o.temperature(), o.topP(), o.topK(), o.seed(), o.stopIds());
    }
}
