package dev.tessera.engine.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python {@code str} semantics that chat templates rely on. Java's {@code String.strip()} is not Python's
 * {@code str.strip()}: it keeps U+00A0, U+2007 and U+202F and removes U+001C..U+001F differently, and Jinja's
 * {@code trim} filter is {@code str.strip()}. The Llama Guard goldens depend on the difference.
 */
final class PyStrings {
    private PyStrings() {}

    /** Python's {@code str.isspace()} for one char (every such char is in the BMP). */
    static boolean isSpace(char c) {
        return (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    private static boolean strips(char c, String chars) {
        return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
    }

    /** {@code s.strip(chars)}; {@code chars == null} strips whitespace. */
    static String strip(String s, String chars) {
        return rstrip(lstrip(s, chars), chars);
    }

    static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && strips(s.charAt(i), chars)) i++;
        return s.substring(i);
    }

    static String rstrip(String s, String chars) {
        int j = s.length();
        while (j > 0 && strips(s.charAt(j - 1), chars)) j--;
        return s.substring(0, j);
    }

    /** {@code s.split(sep, maxsplit)}; {@code sep == null} splits on runs of whitespace and drops empty parts. */
    static List<String> split(String s, String sep, int maxSplit) {
        List<String> parts = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            while (true) {
                while (i < s.length() && isSpace(s.charAt(i))) i++;
                if (i >= s.length()) break;
                if (maxSplit >= 0 && parts.size() == maxSplit) {
                    parts.add(rstrip(s.substring(i), null));
                    break;
                }
                int j = i;
                while (j < s.length() && !isSpace(s.charAt(j))) j++;
                parts.add(s.substring(i, j));
                i = j;
            }
            return parts;
        }
        if (sep.isEmpty()) throw new IllegalArgumentException("empty separator");
        int from = 0;
        while (maxSplit < 0 || parts.size() < maxSplit) {
            int at = s.indexOf(sep, from);
            if (at < 0) break;
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** {@code s.title()}: upper case after a non-letter, lower case after a letter. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean afterLetter = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out.appendCodePoint(afterLetter ? Character.toLowerCase(cp) : Character.toTitleCase(cp));
            afterLetter = Character.isLetter(cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** {@code s.capitalize()}: first char upper (title) case, the rest lower case. */
    static String capitalize(String s) {
        if (s.isEmpty()) return s;
        int first = s.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toTitleCase(first))
                .append(s.substring(Character.charCount(first)).toLowerCase(Locale.ROOT)).toString();
    }
}
