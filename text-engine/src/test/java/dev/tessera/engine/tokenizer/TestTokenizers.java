package dev.tessera.engine.tokenizer;

import dev.tessera.engine.testing.Fixtures;

/** The Llama 3.2 Vision tokenizer of the tiny-mllama fixture, loaded once for all tests. */
public final class TestTokenizers {
    private static Tokenizer llama;

    private TestTokenizers() {}

    public static synchronized Tokenizer llama() {
        if (llama == null) llama = Tokenizer.load(Fixtures.tinyMllama());
        return llama;
    }
}
