package dev.tessera.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** README rule 8 / HF {@code build_string_from_input}. */
class PromptTextTest {
    @Test
    void bosGoesAfterLeadingImageTokens() {
        assertEquals("<|image|><|begin_of_text|>What?", PromptText.withBos("<|image|>What?"));
        assertEquals("<|image|><|image|><|begin_of_text|>A <|image|>B", PromptText.withBos("<|image|><|image|>A <|image|>B"));
        assertEquals("<|begin_of_text|>Look: <|image|> here", PromptText.withBos("Look: <|image|> here"));
        assertEquals("<|begin_of_text|> <|image|>", PromptText.withBos(" <|image|>"));
        assertEquals("<|begin_of_text|>", PromptText.withBos(""));
    }

    @Test
    void textWithBosAnywhereIsUnchanged() {
        assertEquals("<|begin_of_text|>Hi", PromptText.withBos("<|begin_of_text|>Hi"));
        assertEquals("Hi <|begin_of_text|>", PromptText.withBos("Hi <|begin_of_text|>"));
    }
}
