package dev.tessera.engine.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.testing.Fixtures;
import dev.tessera.engine.tokenizer.TestTokenizers;
import dev.tessera.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every tiny-mllama golden case: the processor's BOS rule (raw prompts) or the model's chat template (chat
 * cases) gives {@code templated_prompt} exactly, encoding it gives {@code input_ids}, and decoding the
 * generated ids gives both golden texts, whole and streamed.
 */
class GoldenPromptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        Path golden = Fixtures.tinyMllamaGolden();
        Tokenizer tokenizer = TestTokenizers.llama();
        ChatTemplate template = ChatTemplate.load(Fixtures.tinyMllama());
        List<DynamicTest> tests = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(golden, "*.json")) {
            for (Path file : files) {
                JsonNode c = JSON.readTree(file.toFile());
                if (!c.has("templated_prompt")) continue; // preprocess.json holds image cases only
                String name = file.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(name + " prompt", () -> {
                    String prompt = c.has("messages") ? renderChat(template, c, golden, name)
                            : PromptText.withBos(c.get("prompt").asText());
                    assertEquals(c.get("templated_prompt").asText(), prompt);
                    assertArrayEquals(ints(c.get("input_ids")), tokenizer.encode(prompt, true));
                }));
                tests.add(DynamicTest.dynamicTest(name + " decode", () -> {
                    int[] generated = ints(c.get("generated_ids"));
                    assertEquals(c.get("generated_text").asText(), tokenizer.decode(generated));
                    assertEquals(c.get("generated_text_skip_special").asText(), tokenizer.decode(generated, true));
                    assertEquals(c.get("generated_text").asText(), TestTokenizers.streamAll(tokenizer.streamingDecoder(false), generated));
                    assertEquals(c.get("generated_text_skip_special").asText(),
                            TestTokenizers.streamAll(tokenizer.streamingDecoder(true), generated));
                }));
            }
        }
        return tests.stream();
    }

    static String renderChat(ChatTemplate template, JsonNode c, Path golden, String name) {
        List<ChatMessage> messages = ChatMessages.fromJson(c.get("messages"), golden, name);
        Map<String, Object> kwargs = new HashMap<>();
        c.path("chat_template_kwargs").properties().forEach(e -> kwargs.put(e.getKey(), e.getValue()));
        boolean addGenerationPrompt = c.path("chat_template_kwargs").path("add_generation_prompt").asBoolean(false);
        return template.render(messages, addGenerationPrompt, kwargs);
    }

    static int[] ints(JsonNode array) {
        return JSON.convertValue(array, int[].class);
    }
}
