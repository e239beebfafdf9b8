package dev.tessera.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ContentPart.Image;
import dev.tessera.engine.chat.ContentPart.Text;
import dev.tessera.engine.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fixture templates on inputs the goldens do not cover, against jinja2 3.1.6 rendering them the way
 * transformers does. The expected strings were produced by {@code jinja2-reference.py} (next to the resource
 * {@code jinja2-expected.json}); each test builds the same input in Java.
 */
class ChatTemplateCompatTest {
    private static JsonNode expected;

    @BeforeAll
    static void readExpected() throws IOException {
        try (InputStream in = ChatTemplateCompatTest.class.getResourceAsStream("jinja2-expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
    }

    private static ChatTemplate llama() {
        return ChatTemplate.load(Fixtures.tinyMllama());
    }

    private static ChatTemplate guard() {
        return ChatTemplate.load(Fixtures.tinyGuard());
    }

    @Test
    void guardCustomCategoriesKeepOrderAndPythonStrip() {
        Map<String, Object> categories = new LinkedHashMap<>();
        categories.put("S2", "Two.\nMore lines.");
        categories.put("S10", "Ten.");
        categories.put("S1", "One.");
        List<ChatMessage> messages = List.of(
                ChatMessage.of("user", new Text("\u00a0 hi there\u3000\u2007")),
                ChatMessage.of("assistant", new Image(null), new Text(" first "), new Text("second\u202f")));
        String out = guard().render(messages, true, Map.of("categories", categories, "excluded_category_keys", List.of("S10")));
        assertEquals(expected.get("guard_custom_categories").asText(), out);
    }

    @Test
    void guardRolesMustAlternate() {
        var e = assertThrows(BadInputException.class,
                () -> guard().render(List.of(ChatMessage.of("assistant", new Text("x"))), true));
        assertEquals(expected.get("guard_bad_roles").asText(), "RAISE: " + e.getMessage());
    }

    @Test
    void systemMessageWithImageIsTheTemplatesError() {
        List<ChatMessage> messages = List.of(ChatMessage.text("system", "Be brief."),
                ChatMessage.of("user", new Image(null), new Text("Hi")));
        var e = assertThrows(BadInputException.class, () -> llama().render(messages, true));
        assertEquals("Prompting with images is incompatible with system messages.", e.getMessage());
        assertEquals(expected.get("mllama_system_image").asText(), "RAISE: " + e.getMessage());
    }

    @Test
    void toolsAreWrittenLikePythonJsonDumps() throws IOException {
        Object tools = new ObjectMapper().readValue("""
                [{"type":"function","function":{"name":"get_weather","description":"Weather now – in °C",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"},
                  "days":{"type":"integer","minimum":1.5e-05}},"required":["city"]}}}]""", Object.class);
        String out = llama().render(List.of(ChatMessage.text("user", "What is the weather in Zürich?")), true,
                Map.of("tools", tools, "date_string", "01 Sep 2025"));
        assertEquals(expected.get("mllama_tools").asText(), out);
    }

    @Test
    void toolResultStringIsJsonEncodedBecauseStringsAreIterable() {
        String out = llama().render(List.of(ChatMessage.text("user", "Weather?"), ChatMessage.text("tool", "{\"temp\": 20}")),
                true, Map.of("date_string", "01 Sep 2025"));
        assertEquals(expected.get("mllama_tool_result").asText(), out);
    }

    @Test
    void systemMessageIsTrimmedAndNoGenerationPrompt() {
        List<ChatMessage> messages = List.of(ChatMessage.text("system", "  padded system\n"),
                ChatMessage.text("user", "Hi"), ChatMessage.text("assistant", "Hello!"));
        assertEquals(expected.get("mllama_no_gen_prompt").asText(),
                llama().render(messages, false, Map.of("date_string", "26 Jul 2024")));
    }

    @Test
    void dateDefaultsToTodayInTheTemplatesFormat() {
        String out = llama().render(List.of(ChatMessage.text("user", "Hi")), true);
        String today = java.time.LocalDate.now().format(java.time.format.DateTimeFormatter.ofPattern("dd MMM yyyy", java.util.Locale.ENGLISH));
        assertTrue(out.contains("\nToday Date: " + today + "\n\n"), out);
    }

    @Test
    void messageTextIsNeverEvaluated() {
        String text = "{{ 7 * 7 }} {% if true %}x{% endif %} {# c #}";
        String out = llama().render(List.of(ChatMessage.text("user", text)), false, Map.of("date_string", "d"));
        assertTrue(out.contains("<|end_header_id|>\n\n" + text + "<|eot_id|>"), out);
    }

    @Test
    void templateErrorsNameTheTemplate() {
        ChatTemplate broken = ChatTemplate.of("{{ undefined_function(1) }}", "my_template.jinja", "<s>", "</s>");
        var e = assertThrows(BadInputException.class, () -> broken.render(List.of(), false));
        assertTrue(e.getMessage().startsWith("my_template.jinja: chat template error at line 1"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void jinjaSnippetsRenderAsInJinja2() {
        ObjectMapper json = new ObjectMapper();
        List<String> wrong = new java.util.ArrayList<>();
        for (JsonNode snippet : expected.get("snippets")) {
            String template = snippet.get("template").asText();
            Map<String, Object> vars = json.convertValue(snippet.get("vars"), new TypeReference<Map<String, Object>>() {});
            String out;
            try {
                out = ChatTemplate.of(template, "snippet", "", "").render(List.of(), false, vars);
            } catch (BadInputException e) {
                out = "error: " + e.getMessage();
            }
            String want = snippet.get("expected").asText();
            if (!want.equals(out)) wrong.add(json.valueToTree(List.of(template, want, out)).toString());
        }
        assertEquals(List.of(), wrong, "[template, jinja2, ours]");
    }

    @Test
    void pythonStringMethodsAndStrftime() {
        ChatTemplate t = ChatTemplate.of("{{ ' \u00a0x '.strip() }}|{{ 'ab'.upper() }}|{{ 'a,b'.split(',')|length }}"
                + "|{{ 'abc'.startswith('ab') }}|{{ strftime_now('%Y') == strftime_now('%Y') }}|{{ strftime_now is defined }}",
                "t", "", "");
        assertEquals("x|AB|2|true|true|true", t.render(List.of(), false));
    }
}
