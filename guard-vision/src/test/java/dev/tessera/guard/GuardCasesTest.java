package dev.tessera.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.chat.ChatMessages;
import dev.tessera.engine.testing.Fixtures;
import dev.tessera.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every record of ../shared/fixtures/guard/cases.jsonl through {@link GuardPrompt}: the exact prompt, ids,
 * classified role, image token position, and where the verdict is read (prefix ids, step, safe/unsafe ids) -
 * both framings, 11B-Vision and 1B records alike (the 1B uses the same template).
 */
class GuardCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fixture's records, one JSON object each. */
    static List<JsonNode> cases() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String row : Files.readAllLines(Fixtures.guard().resolve("cases.jsonl"))) if (!row.isBlank()) out.add(JSON.readTree(row));
        return out;
    }

    /** The settings a record asks for. */
    static GuardSettings settings(JsonNode c) {
        GuardSettings s = GuardSettings.defaults().withFraming(Framing.parse(c.get("framing").asText()));
        if (!c.get("categories").isNull()) {
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            c.get("categories").properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
            s = s.withCategories(new GuardCategories(m));
        }
        List<String> excluded = new ArrayList<>();
        c.get("excluded_category_keys").forEach(k -> excluded.add(k.asText()));
        return s.withExcluded(excluded);
    }

    @TestFactory
    Stream<DynamicTest> everyCase() throws IOException {
        Tokenizer tokenizer = TinyGuards.tokenizer();
        GuardPrompt.Builder builder = TinyGuards.builder();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases()) {
            String name = c.get("id").asText() + " " + c.get("model").asText() + " " + c.get("framing").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                GuardConversation conv = GuardConversation.of(ChatMessages.fromJson(c.get("conversation"), Fixtures.guard(), name));
                GuardPrompt p = builder.build(conv, settings(c));
                assertEquals(c.get("prompt").asText(), p.text(), "prompt");
                assertArrayEquals(JSON.convertValue(c.get("input_ids"), int[].class), p.ids(), "input ids");
                assertEquals(c.get("num_tokens").asInt(), p.ids().length);
                assertEquals(c.get("classify").asText(), p.role().label(), "role");
                assertEquals(c.get("num_images").asInt(), p.imageTokens());
                int imageAt = c.get("image_token_index").isNull() ? -1 : c.get("image_token_index").asInt();
                assertEquals(imageAt, indexOf(p.ids(), 128256), "image token position");
                JsonNode v = c.get("verdict");
                assertArrayEquals(JSON.convertValue(v.get("generation_prefix_ids"), int[].class), p.verdictPrefixIds(), "prefix ids");
                assertEquals(v.get("verdict_step").asInt(), p.verdictStep(), "verdict step");
                assertArrayEquals(tokenizer.encode("safe", false), new int[] {v.get("safe_id").asInt()});
                assertArrayEquals(tokenizer.encode("unsafe", false), new int[] {v.get("unsafe_id").asInt()});
            }));
        }
        return tests.stream();
    }

    static int indexOf(int[] ids, int id) {
        for (int i = 0; i < ids.length; i++) if (ids[i] == id) return i;
        return -1;
    }
}
