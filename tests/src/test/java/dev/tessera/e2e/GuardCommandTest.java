package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.cli.Main;
import dev.tessera.engine.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tessera guard}: {@code --dry-run --json} reproduces every record of ../shared/fixtures/guard/cases.jsonl
 * (all of them through the command in this JVM, a subset as separate processes using each way of giving the
 * conversation), and a real check prints a verdict with its probability and timings.
 */
class GuardCommandTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    static List<JsonNode> cases() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String row : Files.readAllLines(Fixtures.guard().resolve("cases.jsonl"))) if (!row.isBlank()) out.add(JSON.readTree(row));
        return out;
    }

    /** Arguments giving a record's conversation as a --messages file. */
    private List<String> messagesArgs(JsonNode c) throws Exception {
        Path f = Files.createTempFile(tmp, "conversation", ".json");
        Files.writeString(f, JSON.writeValueAsString(c.get("conversation")));
        List<String> args = new ArrayList<>(List.of("guard", "--guard-model", Fixtures.tinyGuard().toString(), "--dry-run", "--json",
                "--framing", c.get("framing").asText(), "--messages", f.toString()));
        List<String> excluded = new ArrayList<>();
        c.get("excluded_category_keys").forEach(k -> excluded.add(k.asText()));
        if (!excluded.isEmpty()) args.addAll(List.of("--exclude", String.join(",", excluded)));
        return args;
    }

    static void assertMatches(JsonNode c, JsonNode got) {
        String name = c.get("id").asText() + " " + c.get("model").asText() + " " + c.get("framing").asText();
        assertEquals(c.get("prompt").asText(), got.get("templated_prompt").asText(), name + ": prompt");
        assertEquals(c.get("input_ids"), got.get("input_ids"), name + ": ids");
        assertEquals(c.get("classify").asText(), got.get("role").asText(), name + ": role");
        assertEquals(c.get("image_token_index"), got.get("image_token_index"), name + ": image token");
        assertEquals(c.get("verdict").get("generation_prefix_ids"), got.get("generation_prefix_ids"), name + ": prefix");
        assertEquals(c.get("verdict").get("verdict_step"), got.get("verdict_step"), name + ": verdict step");
    }

    @Test
    void everyCaseThroughTheCommand() throws Exception {
        PrintStream saved = System.out;
        try {
            for (JsonNode c : cases()) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
                int rc = Main.run(messagesArgs(c).toArray(String[]::new));
                System.setOut(saved);
                assertEquals(0, rc, c.get("id").asText());
                assertMatches(c, JSON.readTree(buf.toString(StandardCharsets.UTF_8)));
            }
        } finally {
            System.setOut(saved);
        }
    }

    /** One process per way of stating the conversation: TEXT, --image + TEXT, --messages, --messages + --role agent TEXT. */
    @Test
    void dryRunAsProcesses() throws Exception {
        String model = Fixtures.tinyGuard().toString();
        String image = Fixtures.tinyMllamaGolden().resolve("chart.png").toString();
        Set<String> done = new java.util.HashSet<>();
        for (JsonNode c : cases()) {
            String key = c.get("id").asText() + "/" + c.get("framing").asText();
            if (!c.get("model").asText().equals("llama-guard-3-11b-vision")) continue;
            List<String> args;
            JsonNode conv = c.get("conversation");
            String lastText = text(conv.get(conv.size() - 1));
            switch (key) {
                case "user_text/hf-chat-template" -> args = List.of("guard", "--guard-model", model, "--dry-run", "--json", lastText);
                case "user_image/llama-models" -> args = List.of("guard", "--guard-model", model, "--dry-run", "--json",
                        "--framing", "llama-models", "--image", image, lastText);
                case "agent_multiturn_image/hf-chat-template", "exclude_s2_s7/hf-chat-template" -> args = messagesArgs(c);
                case "trim_whitespace/hf-chat-template" -> {
                    Path f = tmp.resolve("question.json");
                    Files.writeString(f, JSON.writeValueAsString(JSON.createArrayNode().add(conv.get(0)))); // the question only
                    args = List.of("guard", "--guard-model", model, "--dry-run", "--json", "--messages", f.toString(), "--role", "agent", lastText);
                }
                default -> args = null;
            }
            if (args == null) continue;
            CliProcess.Result r = CliProcess.run(tmp, args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), key + ": " + r.errorLines());
            assertMatches(c, JSON.readTree(r.stdout()));
            done.add(key);
        }
        assertEquals(5, done.size(), done.toString());
    }

    private static String text(JsonNode message) {
        for (JsonNode item : message.get("content")) if (item.get("type").asText().equals("text")) return item.get("text").asText();
        throw new AssertionError("no text in " + message);
    }

    /** A real check: tiny-guard's random weights give some verdict; the report is complete and consistent. */
    @Test
    void checkPrintsAVerdict() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "guard", "--guard-model", Fixtures.tinyGuard().toString(), "--json",
                "--image", Fixtures.tinyMllamaGolden().resolve("chart.png").toString(), "--max-tiles", "1", "What does the sign say?");
        assertEquals(0, r.exitCode(), r.errorLines());
        JsonNode o = JSON.readTree(r.stdout());
        assertTrue(Set.of("safe", "unsafe", "unparseable").contains(o.get("verdict").asText()), o.toString());
        double p = o.get("unsafe_probability").asDouble();
        assertTrue(p >= 0 && p <= 1, "P(unsafe) " + p);
        assertEquals(1, o.get("verdict_step").asInt());
        assertEquals(5, o.get("image_token_index").asInt());
        assertTrue(o.get("categories").isArray());
        JsonNode t = o.get("timings");
        assertTrue(t.get("prefill_ms").asDouble() > 0 && t.get("image_encode_ms").asDouble() > 0 && t.get("load_ms").asDouble() > 0, t.toString());
        assertEquals(o.get("input_ids").size() + 1, t.get("prompt_tokens").asInt(), "the verdict prefix is fed with the prompt");
    }

    @Test
    void roleMustMatchTheConversation() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "guard", "--guard-model", Fixtures.tinyGuard().toString(), "--dry-run", "--role", "agent", "hello");
        CliErrorsTest.assertOneLineError(r, "--role agent");
    }
}
