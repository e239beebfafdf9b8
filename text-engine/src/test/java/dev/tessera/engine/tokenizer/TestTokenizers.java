package dev.tessera.engine.tokenizer;

import dev.tessera.engine.testing.Fixtures;

/** The Llama 3.2 Vision tokenizer of the tiny-mllama fixture, loaded once for all tests, and test helpers. */
public final class TestTokenizers {
    private static Tokenizer llama;

    private TestTokenizers() {}

    public static synchronized Tokenizer llama() {
        if (llama == null) llama = Tokenizer.load(Fixtures.tinyMllama());
        return llama;
    }

    /** Everything a streaming decoder hands out for {@code ids}, flush included. */
    public static String streamAll(StreamingDecoder decoder, int[] ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) out.append(decoder.push(id));
        return out.append(decoder.flush()).toString();
    }
}
