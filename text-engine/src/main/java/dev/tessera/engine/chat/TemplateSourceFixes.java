package dev.tessera.engine.chat;

import dev.tessera.engine.chat.JinjaTokens.Token;
import java.util.List;
import java.util.Set;

/**
 * Rewrites of a chat template's source for the places where Jinjava reads valid Jinja differently from
 * jinja2 (as transformers configures it). Text, comments and raw blocks keep their content, and no line
 * breaks are added or removed, so error line numbers still match the file. Each rewrite is checked against
 * jinja2's output in the tests.
 *
 * <ol>
 *   <li>Whitespace before a block tag or comment that does not start its line: jinja2's {@code lstrip_blocks}
 *       keeps it, Jinjava strips it ({@code "x  {% if %}"} would lose its spaces). Such whitespace, and the
 *       whitespace before a "{%+" tag, is moved into an expression, {@code {{ '  ' }}}.
 *   <li>Precedence of {@code not}: jinja2 binds it looser than comparisons, tests and filters, so
 *       {@code not date_string is defined} means {@code not (date_string is defined)}; Jinjava binds it to the
 *       next operand, which turns the Llama 3.2 template's date check upside down. Each unary {@code not} gets
 *       its jinja2 operand in parentheses: everything up to the next {@code and}, {@code or}, {@code if},
 *       {@code else}, comma or closing bracket.
 *   <li>A dict literal in grouping parentheses, {@code set categories = ({"S1": "..", "S2": ".."})} (the Llama
 *       Guard 3 template): Jinjava reads the commas inside as a tuple and yields a one-element list holding the
 *       dict. The parentheses group nothing, so they become spaces.
 *   <li>Loop filters, {@code for x in xs if cond}: Jinjava ignores the condition. The loop is preceded by one
 *       that collects the matching items, so {@code loop.index} and {@code loop.last} count as in jinja2.
 *   <li>String-literal escapes that Jinjava rejects (backslash-x NN, backslash-u NNNN, backslash-U NNNNNNNN;
 *       jinja2 reads literals with Python's unicode-escape): written out as the character.
 *   <li>jinja2 drops one newline at the very end of a template ({@code keep_trailing_newline=False}).
 * </ol>
 */
final class TemplateSourceFixes {
    private TemplateSourceFixes() {}

    static String apply(String template) {
        if (template.endsWith("\r\n")) template = template.substring(0, template.length() - 2);
        else if (template.endsWith("\n") || template.endsWith("\r")) template = template.substring(0, template.length() - 1);
        StringBuilder out = new StringBuilder(template.length() + 16);
        int loops = 0;
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("{#", i)) {
                keepInlineWhitespace(out, template.startsWith("{#-", i), false);
                int end = template.indexOf("#}", i + 2);
                int stop = end < 0 ? template.length() : end + 2;
                out.append(template, i, stop);
                i = stop;
            } else if (template.startsWith("{{", i) || template.startsWith("{%", i)) {
                boolean statement = template.charAt(i + 1) == '%';
                int end = tagEnd(template, i + 2, statement ? '%' : '}');
                // the expression, without the whitespace-control markers {%- -%} {%+ +%}
                int from = i + 2, to = end - 2;
                char open = from < to ? template.charAt(from) : ' ';
                if (open == '-' || open == '+') from++;
                if (to > from && "-+".indexOf(template.charAt(to - 1)) >= 0) to--;
                to = Math.max(from, to);
                String expression = fixExpression(template.substring(from, to));
                if (statement) {
                    keepInlineWhitespace(out, open == '-', open == '+');
                    String opening = open == '-' ? "{%-" : "{%"; // {%+ is done by keepInlineWhitespace
                    String closing = template.substring(to, end);
                    String loop = loopWithoutFilter(expression, opening, closing, "__tessera_loop" + loops);
                    if (loop != null) {
                        out.append(loop);
                        loops++;
                    } else {
                        out.append(opening).append(expression).append(closing);
                    }
                } else {
                    out.append(template, i, from).append(expression).append(template, to, end);
                }
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

    /** Fix 1: spaces/tabs before a block tag that jinja2 would keep become an expression Jinjava keeps too. */
    private static void keepInlineWhitespace(StringBuilder out, boolean stripsAll, boolean plus) {
        if (stripsAll) return;
        int k = out.length();
        while (k > 0 && (out.charAt(k - 1) == ' ' || out.charAt(k - 1) == '\t')) k--;
        if (k == out.length()) return;
        boolean lineStart = k == 0 || out.charAt(k - 1) == '\n' || out.charAt(k - 1) == '\r';
        if (lineStart && !plus) return; // lstrip_blocks strips it in both engines
        String run = out.substring(k);
        out.setLength(k);
        out.append("{{ '").append(run).append("' }}");
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

    /** Fix 2: {@code not X} becomes {@code not (X)} with X as far as jinja2's grammar reaches. */
    static String parenthesiseNot(String expression) {
        List<Token> tokens = JinjaTokens.lex(expression);
        int[] opens = new int[expression.length() + 1];
        int[] closes = new int[expression.length() + 1];
        boolean changed = false;
        for (int t = 0; t + 1 < tokens.size(); t++) {
            if (!tokens.get(t).isName("not") || !isUnaryPosition(t == 0 ? null : tokens.get(t - 1))) continue;
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

    /** Fix 3: {@code ( {...} )} that groups (does not call) loses its parentheses. */
    static String unwrapParenthesisedDicts(String expression) {
        List<Token> tokens = JinjaTokens.lex(expression);
        char[] s = expression.toCharArray();
        for (int t = 0; t + 1 < tokens.size(); t++) {
            if (!tokens.get(t).isAny("(") || !tokens.get(t + 1).isAny("{")) continue;
            Token before = t == 0 ? null : tokens.get(t - 1);
            boolean call = before != null && (before.isAny(")]")
                    || (before.name() && !BEFORE_UNARY.contains(before.text()) && !before.text().equals("is")));
            if (call) continue;
            int close = JinjaTokens.matching(tokens, t + 1);
            if (close > 0 && close + 1 < tokens.size() && tokens.get(close + 1).isAny(")")) {
                s[tokens.get(t).start()] = ' ';
                s[tokens.get(close + 1).start()] = ' ';
            }
        }
        return new String(s);
    }

    /**
     * Fix 4: {@code for T in ITER if COND} as two loops: one collecting the items that pass into a namespace,
     * then the loop over those. Returns null if {@code statement} is not a filtered for loop.
     */
    static String loopWithoutFilter(String statement, String opening, String closing, String name) {
        List<Token> tokens = JinjaTokens.lex(statement);
        if (tokens.isEmpty() || !tokens.getFirst().isName("for")) return null;
        int in = -1, filter = -1, depth = 0;
        for (int t = 1; t < tokens.size(); t++) {
            Token x = tokens.get(t);
            if (x.isAny("([{")) depth++;
            else if (x.isAny(")]}")) depth--;
            else if (depth == 0 && in < 0 && x.isName("in")) in = t;
            else if (depth == 0 && in > 0 && filter < 0 && x.isName("if")) filter = t;
            else if (depth == 0 && filter > 0 && x.isName("else")) return null; // "a if b else c" is no filter
        }
        if (in < 0 || filter < 0 || tokens.getLast().isName("recursive")) return null;
        String target = statement.substring(tokens.get(1).start(), tokens.get(in - 1).end());
        String items = statement.substring(tokens.get(in + 1).start(), tokens.get(filter - 1).end());
        String condition = statement.substring(tokens.get(filter + 1).start(), tokens.getLast().end());
        String item = target.contains(",") ? "(" + target + ")" : target;
        return opening + " set " + name + " = namespace(items=[]) %}"
                + "{% for " + target + " in " + items + " %}{% if " + condition + " %}"
                + "{% set " + name + ".items = " + name + ".items + [" + item + "] %}{% endif %}{% endfor %}"
                + "{% for " + target + " in " + name + ".items " + closing;
    }

    /** Fix 5: backslash-x/u/U escapes inside string literals written as the character itself. */
    static String unescape(String expression) {
        if (expression.indexOf('\\') < 0) return expression;
        StringBuilder out = new StringBuilder(expression.length());
        int copied = 0;
        for (Token tok : JinjaTokens.lex(expression)) {
            if (!tok.string()) continue;
            out.append(expression, copied, tok.start()).append(unescapeLiteral(expression.substring(tok.start(), tok.end())));
            copied = tok.end();
        }
        return out.append(expression, copied, expression.length()).toString();
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
}
