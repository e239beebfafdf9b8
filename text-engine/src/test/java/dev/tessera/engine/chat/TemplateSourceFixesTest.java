package dev.tessera.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The source rewrites, and that the rewritten templates render as jinja2 does (expected values: jinja2 3.1.6). */
class TemplateSourceFixesTest {
    @Test
    void notTakesItsJinja2Operand() {
        assertEquals("not (x is defined)", TemplateSourceFixes.parenthesiseNot("not x is defined"));
        assertEquals(" if not (a == b) and not (c) ", TemplateSourceFixes.parenthesiseNot(" if not a == b and not c "));
        assertEquals("x is not none", TemplateSourceFixes.parenthesiseNot("x is not none"));
        assertEquals("'a' not in x", TemplateSourceFixes.parenthesiseNot("'a' not in x"));
        assertEquals("f(not (a), b)", TemplateSourceFixes.parenthesiseNot("f(not a, b)"));
        assertEquals("not (not (a))", TemplateSourceFixes.parenthesiseNot("not not a"));
        assertEquals("a if not (b|length) else c", TemplateSourceFixes.parenthesiseNot("a if not b|length else c"));
    }

    @Test
    void inlineWhitespaceBeforeBlockTagsIsKept() {
        assertEquals("x{{ '  ' }}{% if a %}\n  {% endif %}", TemplateSourceFixes.apply("x  {% if a %}\n  {% endif %}"));
        assertEquals("{{ '  ' }}{% if a %}", TemplateSourceFixes.apply("  {%+ if a %}"));
        assertEquals("x  {%- if a %}", TemplateSourceFixes.apply("x  {%- if a %}"));
        assertEquals("x{{ ' ' }}{# c #}", TemplateSourceFixes.apply("x {# c #}\n"));
    }

    @Test
    void loopFiltersBecomeACollectingLoop() {
        assertEquals("{%- set L = namespace(items=[]) %}{% for m in ms %}{% if m.role != 'system' %}"
                + "{% set L.items = L.items + [m] %}{% endif %}{% endfor %}{% for m in L.items -%}",
                TemplateSourceFixes.loopWithoutFilter("for m in ms if m.role != 'system'", "{%-", "-%}", "L"));
        assertEquals(null, TemplateSourceFixes.loopWithoutFilter("for m in (a if b else c)", "{%", "%}", "L"));
        assertEquals(null, TemplateSourceFixes.loopWithoutFilter("for m in a if b else c", "{%", "%}", "L"));
    }

    @Test
    void groupingParenthesesAroundADictGo() {
        assertEquals("set d =  {'a': 1, 'b': 2} ", TemplateSourceFixes.unwrapParenthesisedDicts("set d = ({'a': 1, 'b': 2})"));
        assertEquals("f({'a': 1, 'b': 2})", TemplateSourceFixes.unwrapParenthesisedDicts("f({'a': 1, 'b': 2})"));
        assertEquals("x['k']({'a': 1})", TemplateSourceFixes.unwrapParenthesisedDicts("x['k']({'a': 1})"));
    }

    @Test
    void textAndCommentsAreNotTouched() {
        String template = "not x is y ({'a': 1, 'b': 2})\n{# not a is b #}{% raw %}{{ not a is b }}{% endraw %}";
        assertEquals(template, TemplateSourceFixes.apply(template));
        assertEquals("{%- if not (x is defined) -%}", TemplateSourceFixes.apply("{%- if not x is defined -%}"));
        assertEquals("{{ 'é' }}{{ '\\'' }}", TemplateSourceFixes.apply("{{ '\\u00e9' }}{{ '\\x27' }}"));
    }

    private static String render(String template, Map<String, ?> vars) {
        return ChatTemplate.of(template, "test", "", "").render(List.of(), false, vars);
    }

    @Test
    void rendersLikeJinja2() {
        // (printed through "if": Jinjava prints booleans as true/false where jinja2 prints True/False)
        assertEquals("F|T|T|F", render("{% for v in [not d is defined, not e is defined, not d is none, not d|length] %}"
                + "{{ 'T' if v else 'F' }}{{ '|' if not loop.last }}{% endfor %}", Map.of("d", "x")));
        assertEquals("S2=x;S1=y;", render(
                "{% set d = ({'S2': 'x', 'S1': 'y',}) %}{% for k in d %}{{ k }}={{ d[k] }};{% endfor %}", Map.of()));
        assertEquals("[\u00e9]", render("[{{ '\\u00e9' }}]", Map.of()));
    }
}
