package dev.tessera.engine.chat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.engine.fuzz.FuzzContract;
import dev.tessera.engine.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the {@code --messages} JSON and what the chat template makes of it: parsing gives messages or a
 * BadInputException naming the JSON path; the Llama 3.2 Vision template then renders them or refuses them
 * through its own {@code raise_exception} (a BadInputException too) - never a Jinjava error or a hang.
 */
class ChatMessagesFuzzTest {
    private static ChatTemplate template;

    private static synchronized ChatTemplate template() {
        if (template == null) template = ChatTemplate.load(Fixtures.tinyMllama());
        return template;
    }

    @MethodSource("conversations")
    @DictionaryEntries({"\"role\"", "\"content\"", "\"type\"", "\"text\"", "\"image\"", "\"path\"", "\"messages\"",
            "\"system\"", "\"user\"", "\"assistant\"", "\"tool\"", "\"tool_calls\"", "\"image_url\"", "{{", "{%", "\\u0000"})
    @FuzzTest(maxDuration = "10s")
    void messages(byte[] bytes) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        List<ChatMessage> messages = FuzzContract.parse(() -> ChatMessages.parse(json, FuzzContract.scratch(), "messages.json"));
        if (messages == null || messages.isEmpty()) return;
        FuzzContract.parse(() -> template().render(messages, true, Map.of("date_string", "26 Jul 2024")));
    }

    static List<byte[]> conversations() {
        return List.of("""
                [{"role": "system", "content": "Be brief."},
                 {"role": "user", "content": [{"type": "image", "path": "cat.png"}, {"type": "text", "text": "What is this?"}]},
                 {"role": "assistant", "content": "A cat."},
                 {"role": "user", "content": "{{ 7*7 }} and {% if x %}"}]""".getBytes(StandardCharsets.UTF_8),
                "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\"}]}]}".getBytes(StandardCharsets.UTF_8));
    }
}
