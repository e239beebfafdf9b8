package dev.tessera.engine.tokenizer;

/**
 * UTF-8 decoding with the replacement rule that Rust's {@code String::from_utf8_lossy} and Python's
 * {@code errors="replace"} share ("substitution of maximal subparts", Unicode 15 §3.9): each maximal prefix
 * of a valid sequence that is cut short, and each byte that cannot start one, becomes one U+FFFD. The
 * reference decodes of the goldens use that rule, so token ids that end in the middle of a character decode
 * to exactly the same text here.
 */
final class Utf8 {
    private Utf8() {}

    /** Decodes {@code bytes[0, length)}, replacing invalid parts. */
    static String decode(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length);
        int i = 0;
        while (i < length) {
            int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80) {
                out.append((char) b0);
                i++;
                continue;
            }
            int need = sequenceLength(b0);
            int valid = validPrefix(bytes, i, length);
            if (need > 0 && valid == need) {
                out.appendCodePoint(codePoint(bytes, i, need));
                i += need;
            } else {
                out.append('\uFFFD');
                i += Math.max(valid, 1);
            }
        }
        return out.toString();
    }

    /**
     * How many leading bytes of {@code bytes[0, length)} can be decoded now without changing the text that the
     * whole stream will decode to: everything except a trailing valid-but-unfinished sequence (at most 3 bytes),
     * which the next token may complete.
     */
    static int completePrefix(byte[] bytes, int length) {
        for (int start = Math.max(0, length - 3); start < length; start++) {
            int b0 = bytes[start] & 0xFF;
            int need = sequenceLength(b0);
            if (need > 1 && start + need > length && validPrefix(bytes, start, length) == length - start) {
                return start;
            }
        }
        return length;
    }

    /** Sequence length announced by a lead byte; 0 for a byte that cannot start a sequence. */
    private static int sequenceLength(int b0) {
        if (b0 < 0x80) return 1;
        if (b0 >= 0xC2 && b0 <= 0xDF) return 2;
        if (b0 >= 0xE0 && b0 <= 0xEF) return 3;
        if (b0 >= 0xF0 && b0 <= 0xF4) return 4;
        return 0;
    }

    /** Length of the longest valid (possibly unfinished) sequence starting at {@code i}; 0 if b0 is no lead. */
    private static int validPrefix(byte[] bytes, int i, int length) {
        int b0 = bytes[i] & 0xFF;
        int need = sequenceLength(b0);
        if (need <= 1) return need;
        int n = 1;
        while (n < need && i + n < length) {
            int b = bytes[i + n] & 0xFF;
            // The second byte has a narrower range for some lead bytes (no overlongs, no surrogates, <= U+10FFFF).
            int lo = 0x80, hi = 0xBF;
            if (n == 1) {
                if (b0 == 0xE0) lo = 0xA0;
                else if (b0 == 0xED) hi = 0x9F;
                else if (b0 == 0xF0) lo = 0x90;
                else if (b0 == 0xF4) hi = 0x8F;
            }
            if (b < lo || b > hi) break;
            n++;
        }
        return n;
    }

    private static int codePoint(byte[] bytes, int i, int need) {
        int cp = bytes[i] & (0xFF >> (need + 1));
        for (int k = 1; k < need; k++) cp = (cp << 6) | (bytes[i + k] & 0x3F);
        return cp;
    }
}
