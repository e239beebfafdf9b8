package dev.tessera.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.BadInputException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The Llama 3.2 Vision tokenizer's API: ids of special tokens, special-token recognition, decoding. */
class TokenizerTest {
    private final Tokenizer tok = TestTokenizers.llama();

    @Test
    void sizeAndSpecialTokens() {
        assertEquals(128257, tok.size());
        assertEquals(128000, tok.requireId("<|begin_of_text|>"));
        assertEquals(128009, tok.requireId("<|eot_id|>"));
        assertEquals(128256, tok.requireId("<|image|>"));
        assertEquals("<|image|>", tok.token(128256));
        assertEquals("Ġthe", tok.token(279));
        assertEquals(OptionalInt.of(279), tok.id("Ġthe"));
        assertEquals(OptionalInt.empty(), tok.id("<|no_such_token|>"));
        assertTrue(tok.isSpecial(128000));
        assertTrue(tok.isSpecial(128256));
        assertFalse(tok.isSpecial(279));
        var e = assertThrows(BadInputException.class, () -> tok.requireId("<|nope|>"));
        assertTrue(e.getMessage().contains("tokenizer.json") && e.getMessage().contains("<|nope|>"), e.getMessage());
    }

    @Test
    void specialTokenTextIsOneIdOnlyWhenRecognised() {
        assertArrayEquals(new int[] {128256, 128000, 13347}, tok.encode("<|image|><|begin_of_text|>Hi", true));
        int[] plain = tok.encode("<|eot_id|>", false);
        assertTrue(plain.length > 1, "encoded as ordinary text");
        assertFalse(java.util.Arrays.stream(plain).anyMatch(tok::isSpecial));
        assertEquals("<|eot_id|>", tok.decode(plain));
        assertArrayEquals(new int[] {128009}, tok.encode("<|eot_id|>"));
    }

    @Test
    void encodingAddsNothing() {
        assertEquals(0, tok.encode("", true).length);
        assertArrayEquals(new int[] {9906, 1917}, tok.encode("Hello world", true)); // no BOS in front
    }

    @Test
    void decodeKeepsOrSkipsSpecialTokens() {
        int[] ids = {128000, 9906, 1917, 128009};
        assertEquals("<|begin_of_text|>Hello world<|eot_id|>", tok.decode(ids));
        assertEquals("Hello world", tok.decode(ids, true));
    }

    @Test
    void idsOutsideTheVocabularyAreRejected() {
        assertThrows(BadInputException.class, () -> tok.decode(new int[] {128257}));
        assertThrows(BadInputException.class, () -> tok.token(-1));
    }

    @Test
    void halfACharacterDecodesToReplacementLikeHf() {
        // "👍" is 9468 239 235 (bytes F0 9F 91 8D spread over three tokens)
        assertEquals("👍", tok.decode(new int[] {9468, 239, 235}));
        assertEquals("\uFFFD", tok.decode(new int[] {9468, 239}));
        assertEquals("\uFFFDa", tok.decode(new int[] {9468, 239, 64}));
    }

    @Test
    void loadAcceptsTheFileOrItsFolder() {
        Tokenizer again = Tokenizer.load(tok.source());
        assertEquals(tok.size(), again.size());
        assertTrue(tok.source().getFileName().toString().equals("tokenizer.json"));
    }
}
