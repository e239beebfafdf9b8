package dev.tessera.engine.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites of a chat template's source for the few places where Jinjava reads valid Jinja differently from
 * jinja2. Only the expressions inside {@code {{ }}} and {@code {% %}} are touched (never text, comments or
 * raw blocks), and no line breaks are added or removed, so error line numbers still match the file.
 *
 * <ol>
 *   <li>Precedence of {@code not}: in jinja2 it binds looser than comparisons, tests and filters, so
 *       {@code not date_string is defined} means {@code not (date_string is defined)}. Jinjava binds it to the
 *       next operand, which turns the Llama 3.2 template's date check upside down. Each unary {@code not} gets
 *       its jinja2 operand in parentheses: everything up to the next {@code and}, {@code or}, {@code if},
 *       {@code else}, comma or closing bracket.
 *   <li>A dict literal in grouping parentheses, {@code set categories = ({"S1": "..", "S2": ".."})} (the Llama
 *       Guard 3 template): Jinjava reads the commas inside as a tuple and yields a one-element list holding the
 *       dict. The parentheses group nothing, so they become spaces.
 *   <li>String-literal escapes that Jinjava rejects (backslash-x NN, backslash-u NNNN, backslash-U NNNNNNNN;
 *       jinja2 reads literals with Python's unicode-escape): written out as the character.
 * </ol>
 */
final class TemplateSourceFixes {
    private TemplateSourceFixes() {}

    static String apply(String template) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("{#", i)) {
                int end = template.indexOf("#}", i + 2);
                int stop = end < 0 ? template.length() : end + 2;
                out.append(template, i, stop);
                i = stop;
            } else if (template.startsWith("{{", i) || template.startsWith("{%", i)) {
                int end = tagEnd(template, i + 2, template.charAt(i + 1) == '{' ? '}' : '%');
                // the expression, without the whitespace-control markers {%- -%} {%+ +%}
                int from = i + 2, to = end - 2;
                if (from < to && "-+".indexOf(template.charAt(from)) >= 0) from++;
                if (to > from && "-+".indexOf(template.charAt(to - 1)) >= 0) to--;
                String expression = template.substring(from, Math.max(from, to));
                boolean statement = template.charAt(i + 1) == '%';
                out.append(template, i, from).append(fixExpression(expression)).append(template, Math.max(from, to), end);
                i = end;
                if (statement && expression.strip().equals("raw")) { // text up to {% endraw %} is not Jinja
                    int endRaw = template.indexOf("endraw", i);
                    int stop = endRaw < 0 ? template.length() : Math.max(i, template.lastIndexOf("{%", endRaw));
                    out.append(template, i, stop);
                    i = stop;
                }
            } else {
                out.append(template.charAt(i++));
            }
        }
        return out.toString();
    }

    static String fixExpression(String expression) {
        return unescape(unwrapParenthesisedDicts(parenthesiseNot(expression)));
    }

    /** Index just past the "}}" or "%}" that closes a tag whose inside starts at {@code from}. */
    private static int tagEnd(String s, int from, char close) {
        char quote = 0;
        for (int k = from; k + 1 < s.length(); k++) {
            char c = s.charAt(k);
            if (quote != 0) {
                if (c == '\\') k++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == close && s.charAt(k + 1) == '}') {
                return k + 2;
            }
        }
        return s.length();
    }

    private static final Set<String> BEFORE_UNARY = Set.of("and", "or", "not", "if", "elif", "else", "in", "return");
    private static final Set<String> ENDS_NOT_OPERAND = Set.of("and", "or", "if", "else");

    /** Fix 1: {@code not X} becomes {@code not (X)} with X as far as jinja2's grammar reaches. */
    static String parenthesiseNot(String expression) {
        List<Token> tokens = Token.lex(expression);
        int[] opens = new int[expression.length() + 1];
        int[] closes = new int[expression.length() + 1];
        boolean changed = false;
        for (int t = 0; t < tokens.size(); t++) {
            Token tok = tokens.get(t);
            if (!tok.isName("not") || !isUnaryPosition(t == 0 ? null : tokens.get(t - 1))) continue;
            if (t + 1 >= tokens.size()) continue;
            int depth = 0, last = -1;
            for (int u = t + 1; u < tokens.size(); u++) {
                Token x = tokens.get(u);
                if (x.isAny("([{")) depth++;
                if (x.isAny(")]}") && depth-- == 0) break;
                if (depth == 0 && (x.isAny(",:") || (x.name() && ENDS_NOT_OPERAND.contains(x.text())))) break;
                last = u;
            }
            if (last < 0) continue;
            opens[tokens.get(t + 1).start()]++;
            closes[tokens.get(last).end()]++;
            changed = true;
        }
        if (!changed) return expression;
        StringBuilder out = new StringBuilder(expression.length() + 8);
        for (int k = 0; k <= expression.length(); k++) {
            out.append(")".repeat(closes[k])).append("(".repeat(opens[k]));
            if (k < expression.length()) out.append(expression.charAt(k));
        }
        return out.toString();
    }

    /** A {@code not} is unary at the start, after an operator or opening bracket, or after a keyword. */
    private static boolean isUnaryPosition(Token previous) {
        if (previous == null) return true;
        if (previous.name()) return BEFORE_UNARY.contains(previous.text());
        return previous.isAny("([{,:=");
    }

    /** Fix 2: {@code ( {...} )} that groups (does not call) loses its parentheses. */
    static String unwrapParenthesisedDicts(String expression) {
        List<Token> tokens = Token.lex(expression);
        char[] s = expression.toCharArray();
        for (int t = 0; t + 1 < tokens.size(); t++) {
            if (!tokens.get(t).isAny("(") || !tokens.get(t + 1).isAny("{")) continue;
            Token before = t == 0 ? null : tokens.get(t - 1);
            boolean call = before != null && (before.isAny(")]") || (before.name() && !BEFORE_UNARY.contains(before.text())
                    && !before.text().equals("is") && !before.text().equals("not")));
            if (call) continue;
            int close = matching(tokens, t + 1);
            if (close > 0 && close + 1 < tokens.size() && tokens.get(close + 1).isAny(")")) {
                s[tokens.get(t).start()] = ' ';
                s[tokens.get(close + 1).start()] = ' ';
            }
        }
        return new String(s);
    }

    /** Index of the token closing the bracket token at {@code open}, or -1. */
    private static int matching(List<Token> tokens, int open) {
        int depth = 0;
        for (int u = open; u < tokens.size(); u++) {
            if (tokens.get(u).isAny("([{")) depth++;
            else if (tokens.get(u).isAny(")]}") && --depth == 0) return u;
        }
        return -1;
    }

    /** Fix 3: backslash-x/u/U escapes inside string literals written as the character itself. */
    static String unescape(String expression) {
        if (expression.indexOf('\\') < 0) return expression;
        StringBuilder out = new StringBuilder(expression.length());
        for (Token tok : Token.lex(expression)) {
            String text = expression.substring(tok.start(), tok.end());
            out.append(tok.string() ? unescapeLiteral(text) : text);
        }
        return out.toString();
    }

    private static String unescapeLiteral(String literal) {
        StringBuilder out = new StringBuilder(literal.length());
        for (int k = 0; k < literal.length(); k++) {
            char c = literal.charAt(k);
            if (c != '\\' || k + 1 >= literal.length()) {
                out.append(c);
                continue;
            }
            char kind = literal.charAt(k + 1);
            int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
            int cp = digits > 0 && k + 2 + digits <= literal.length() ? hex(literal.substring(k + 2, k + 2 + digits)) : -1;
            if (cp >= 0 && Character.isValidCodePoint(cp)) {
                if (cp == '\'' || cp == '"' || cp == '\\') out.append('\\');
                out.appendCodePoint(cp);
                k += 1 + digits;
            } else {
                out.append(c).append(kind); // an escape Jinjava knows (\n, \t, \\, \') stays as written
                k++;
            }
        }
        return out.toString();
    }

    private static int hex(String digits) {
        try {
            return Integer.parseUnsignedInt(digits, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A token of a Jinja expression: a name, a string literal, whitespace-free other text, or one symbol. */
    record Token(int start, int end, String text, boolean name, boolean string) {
        boolean isName(String word) {
            return name && text.equals(word);
        }

        boolean isAny(String symbols) {
            return !name && !string && text.length() == 1 && symbols.indexOf(text.charAt(0)) >= 0;
        }

        static List<Token> lex(String s) {
            List<Token> tokens = new ArrayList<>();
            int k = 0;
            while (k < s.length()) {
                char c = s.charAt(k);
                int start = k;
                if (Character.isWhitespace(c)) {
                    k++;
                    continue;
                }
                if (c == '\'' || c == '"') {
                    k++;
                    while (k < s.length() && s.charAt(k) != c) k += s.charAt(k) == '\\' ? 2 : 1;
                    k = Math.min(k + 1, s.length());
                    tokens.add(new Token(start, k, s.substring(start, k), false, true));
                } else if (Character.isLetterOrDigit(c) || c == '_') {
                    while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_' || s.charAt(k) == '.' && Character.isDigit(c))) k++;
                    tokens.add(new Token(start, k, s.substring(start, k), Character.isLetter(c) || c == '_', false));
                } else {
                    k++;
                    tokens.add(new Token(start, k, String.valueOf(c), false, false));
                }
            }
            return tokens;
        }
    }
}
