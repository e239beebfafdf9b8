package dev.tessera.guard;

import dev.tessera.engine.BadInputException;

/**
 * How the guard prompt is framed (../shared/fixtures/guard/README.md). The two are not token-identical;
 * Tessera uses the checkpoint's own chat template, which is what the published model card and
 * {@code apply_chat_template} users get, and keeps Meta's reference framing for comparison.
 */
public enum Framing {
    /**
     * The checkpoint's Hugging Face chat template: the prompt ends right after the assistant header, the model
     * writes {@code \n\n} first, so the verdict token is generation step 1. Tessera feeds that {@code \n\n}
     * with the prompt (one pass, no extra decode step) and reads the verdict from the logits after it.
     */
    HF_CHAT_TEMPLATE("hf-chat-template", "\n\n"),
    /**
     * Meta's llama-models script (lg_vision.py): the header already ends with {@code \n\n}; the verdict is
     * the first generated token (step 0).
     */
    LLAMA_MODELS("llama-models", "");

    private final String id;
    private final String verdictPrefix;

    Framing(String id, String verdictPrefix) {
        this.id = id;
        this.verdictPrefix = verdictPrefix;
    }

    /** The name used in the fixtures and on the command line. */
    public String id() {
        return id;
    }

    /** Text the model writes before the verdict word; fed with the prompt (the fixture's generation_prefix_ids). */
    public String verdictPrefix() {
        return verdictPrefix;
    }

    public static Framing parse(String s) {
        for (Framing f : values()) if (f.id.equalsIgnoreCase(s)) return f;
        throw new BadInputException("framing \"" + s + "\": use hf-chat-template or llama-models");
    }
}
