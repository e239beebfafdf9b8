package dev.tessera.engine.chat;

/**
 * The text rule of {@code MllamaProcessor} for raw (non-chat) prompts (fixture README rule 8): a prompt without
 * {@code <|begin_of_text|>} gets one, placed after any {@code <|image|>} tokens that start the prompt.
 * {@code "<|image|>What?"} becomes {@code "<|image|><|begin_of_text|>What?"}. The tokenizer itself never adds
 * BOS, so this is the one place a raw prompt gets it (a second BOS is a known bug source).
 */
public final class PromptText {
    public static final String BEGIN_OF_TEXT = "<|begin_of_text|>";
    public static final String IMAGE = "<|image|>";

    private PromptText() {}

    /** {@code raw} with the Llama 3.2 Vision BOS inserted if it has none. */
    public static String withBos(String raw) {
        return withBos(raw, BEGIN_OF_TEXT, IMAGE);
    }

    /** As HF's {@code build_string_from_input}: unchanged if {@code bos} occurs anywhere. */
    public static String withBos(String raw, String bos, String imageToken) {
        if (raw.contains(bos)) return raw;
        int at = 0;
        while (raw.startsWith(imageToken, at)) at += imageToken.length();
        return raw.substring(0, at) + bos + raw.substring(at);
    }
}
