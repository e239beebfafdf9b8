package dev.tessera.engine.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * A rough lexer for the inside of a Jinja tag, enough for {@link TemplateSourceFixes} to find operators,
 * brackets and keywords outside string literals. Whitespace is skipped; positions index the expression.
 */
final class JinjaTokens {
    private JinjaTokens() {}

    /** A name (identifier or keyword), a number, a string literal with its quotes, or one other char. */
    record Token(int start, int end, String text, boolean name, boolean string) {
        boolean isName(String word) {
            return name && text.equals(word);
        }

        /** True for a one-char symbol token that is one of {@code symbols}. */
        boolean isAny(String symbols) {
            return !name && !string && text.length() == 1 && symbols.indexOf(text.charAt(0)) >= 0;
        }
    }

    static List<Token> lex(String s) {
        List<Token> tokens = new ArrayList<>();
        int k = 0;
        while (k < s.length()) {
            char c = s.charAt(k);
            int start = k;
            if (Character.isWhitespace(c)) {
                k++;
            } else if (c == '\'' || c == '"') {
                k++;
                while (k < s.length() && s.charAt(k) != c) k += s.charAt(k) == '\\' ? 2 : 1;
                k = Math.min(k + 1, s.length());
                tokens.add(new Token(start, k, s.substring(start, k), false, true));
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                boolean number = Character.isDigit(c);
                while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_'
                        || (number && s.charAt(k) == '.'))) {
                    k++;
                }
                tokens.add(new Token(start, k, s.substring(start, k), !number, false));
            } else {
                k++;
                tokens.add(new Token(start, k, String.valueOf(c), false, false));
            }
        }
        return tokens;
    }

    /** Index of the token closing the bracket token at {@code open}, or -1. */
    static int matching(List<Token> tokens, int open) {
        int depth = 0;
        for (int u = open; u < tokens.size(); u++) {
            if (tokens.get(u).isAny("([{")) depth++;
            else if (tokens.get(u).isAny(")]}") && --depth == 0) return u;
        }
        return -1;
    }
}
