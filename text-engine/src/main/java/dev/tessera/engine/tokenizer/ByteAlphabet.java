package dev.tessera.engine.tokenizer;

/**
 * GPT-2's byte-level alphabet: every byte 0..255 is written as one printable Unicode character, so that
 * vocabulary entries are ordinary strings. Printable Latin-1 bytes stand for themselves; the other 68 bytes
 * (controls, space, soft hyphen, ...) are moved, in byte order, to U+0100.. (space becomes 'Ġ' U+0120,
 * newline 'Ċ' U+010A). Same table as openai/gpt-2 {@code bytes_to_unicode} and HF tokenizers' ByteLevel.
 */
final class ByteAlphabet {
    private static final char[] BYTE_TO_CHAR = new char[256];
    /** Indexed by char (all alphabet chars are below U+0144); -1 where a char is not in the alphabet. */
    private static final short[] CHAR_TO_BYTE = new short[0x144];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, (short) -1);
        int moved = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + moved++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = (short) b;
        }
    }

    private ByteAlphabet() {}

    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte a char stands for, or -1 if the char is not in the alphabet. */
    static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** The alphabet spelling of some bytes, e.g. " hi" -> "Ġhi". */
    static String spell(byte[] bytes, int from, int to) {
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) out[i - from] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        return new String(out);
    }

    /**
     * The bytes a vocabulary entry stands for, as HF's ByteLevel decoder does it: if every char of the token
     * is in the alphabet, those bytes; otherwise (an added token such as "<|image|> x" with chars outside the
     * alphabet) the token's own UTF-8 text.
     */
    static byte[] bytesOf(String token) {
        byte[] out = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            int b = byteOf(token.charAt(i));
            if (b < 0) return token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out[i] = (byte) b;
        }
        return out;
    }
}
