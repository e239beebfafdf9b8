package dev.tessera.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated text handed out piece by piece never shows half a character. */
class StreamingDecoderTest {
    private final Tokenizer tok = TestTokenizers.llama();

    @Test
    void emojiAndCjkSplitOverTokensAreHeldBackUntilWhole() {
        String text = "Emoji 👍🦙👨‍👩‍👧 and 東京 漢字 한국어 𝔘𝔫𝔦 ok";
        int[] ids = tok.encode(text, true);
        assertTrue(ids.length > text.codePointCount(0, text.length()) / 2, "many multi-byte splits");
        boolean sawSplit = false;
        StreamingDecoder decoder = tok.streamingDecoder(false);
        List<String> pieces = new ArrayList<>();
        for (int id : ids) {
            String piece = decoder.push(id);
            assertFalse(piece.contains("\uFFFD"), "garbage after id " + id);
            if (!piece.isEmpty()) {
                assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)), "half a surrogate pair");
            }
            if (piece.isEmpty()) sawSplit = true;
            pieces.add(piece);
        }
        pieces.add(decoder.flush());
        assertTrue(sawSplit, "some token ended inside a character");
        assertEquals(text, String.join("", pieces));
    }

    @Test
    void heldBytesComeOutWhenTheCharacterCompletes() {
        StreamingDecoder decoder = tok.streamingDecoder(false);
        assertEquals("", decoder.push(9468)); // F0 9F: first half of 👍
        assertEquals("", decoder.push(239));
        assertEquals("👍", decoder.push(235));
        assertEquals("", decoder.flush());
    }

    @Test
    void aCharacterThatNeverCompletesIsOneReplacementLikeTheFullDecode() {
        int[] ids = {9468, 239, 64}; // F0 9F 91, then "a"
        StreamingDecoder decoder = tok.streamingDecoder(false);
        StringBuilder out = new StringBuilder();
        for (int id : ids) out.append(decoder.push(id));
        out.append(decoder.flush());
        assertEquals(tok.decode(ids), out.toString());
        assertEquals("\uFFFDa", out.toString());

        StreamingDecoder cut = tok.streamingDecoder(false);
        cut.push(9468);
        assertEquals("\uFFFD", cut.flush()); // the generation stopped mid-character
    }

    @Test
    void specialTokensAreKeptOrSkipped() {
        int[] ids = {9906, 128009};
        assertEquals("Hello<|eot_id|>", TestTokenizers.streamAll(tok.streamingDecoder(false), ids));
        assertEquals("Hello", TestTokenizers.streamAll(tok.streamingDecoder(true), ids));
    }
}
