package dev.tessera.engine.tokenizer;

/**
 * Turns generated ids into text as they arrive, for one generation. A character whose UTF-8 bytes are
 * split over two tokens (common for emoji and CJK: "👍" is ids 9468, 239, 235) is held back until its last
 * byte arrives, so the UI never shows a U+FFFD that the full decode would not have. The concatenation of
 * all {@link #push} results and {@link #flush()} equals {@link Tokenizer#decode(int[], boolean)} of the
 * same ids. Not thread-safe: one per generation.
 */
public final class StreamingDecoder {
    private final Tokenizer tokenizer;
    private final boolean skipSpecial;
    private final ByteList pending = new ByteList(16);

    StreamingDecoder(Tokenizer tokenizer, boolean skipSpecial) {
        this.tokenizer = tokenizer;
        this.skipSpecial = skipSpecial;
    }

    /** Adds one generated id; returns the text that is now complete (often "", never a partial character). */
    public String push(int id) {
        if (skipSpecial && tokenizer.isSpecial(id)) return "";
        pending.add(tokenizer.bytes(id));
        int ready = Utf8.completePrefix(pending.array(), pending.size());
        if (ready == 0) return "";
        String text = Utf8.decode(pending.array(), ready);
        pending.removeFirst(ready);
        return text;
    }

    /** Ends the generation: whatever is still held back, with U+FFFD for an unfinished character. */
    public String flush() {
        String text = Utf8.decode(pending.array(), pending.size());
        pending.removeFirst(pending.size());
        return text;
    }
}
