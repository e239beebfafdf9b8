package dev.tessera.engine.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.testing.Fixtures;
import dev.tessera.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * shared/fixtures/guard/cases.jsonl: every {@code hf-chat-template} record rendered with the tiny-guard
 * checkpoint's own template gives the golden prompt and ids. The {@code llama-models} records use Meta's
 * framing, which no template renders (the guard module builds it); for those only the tokenization is checked.
 */
class GuardPromptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> guardCases() throws IOException {
        Tokenizer tokenizer = Tokenizer.load(Fixtures.tinyGuard());
        ChatTemplate template = ChatTemplate.load(Fixtures.tinyGuard());
        List<DynamicTest> tests = new ArrayList<>();
        int line = 0;
        for (String row : Files.readAllLines(Fixtures.guard().resolve("cases.jsonl"))) {
            line++;
            if (row.isBlank()) continue;
            JsonNode c = JSON.readTree(row);
            String name = "line " + line + " " + c.get("id").asText() + " " + c.get("model").asText() + " "
                    + c.get("framing").asText();
            String prompt = c.get("prompt").asText();
            int[] ids = JSON.convertValue(c.get("input_ids"), int[].class);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (c.get("framing").asText().equals("hf-chat-template")) {
                    List<ChatMessage> messages = ChatMessages.fromJson(c.get("conversation"), Fixtures.guard(), name);
                    Map<String, Object> vars = new HashMap<>();
                    if (!c.get("categories").isNull()) vars.put("categories", c.get("categories"));
                    vars.put("excluded_category_keys", c.get("excluded_category_keys"));
                    // rule 7 of the README: the generation prompt changes nothing
                    assertEquals(prompt, template.render(messages, true, vars));
                    assertEquals(prompt, template.render(messages, false, vars));
                }
                assertArrayEquals(ids, tokenizer.encode(prompt, true));
                assertEquals(prompt, tokenizer.decode(ids));
                int imageAt = c.get("image_token_index").isNull() ? -1 : c.get("image_token_index").asInt();
                assertEquals(imageAt, indexOf(ids, tokenizer.requireId("<|image|>")));
            }));
        }
        return tests.stream();
    }

    private static int indexOf(int[] ids, int id) {
        for (int i = 0; i < ids.length; i++) if (ids[i] == id) return i;
        return -1;
    }
}
