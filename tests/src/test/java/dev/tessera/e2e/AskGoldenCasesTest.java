package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.engine.llama.GoldenCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every golden case of tiny-mllama through the built command line, {@code tessera ask --json}: the same
 * templated prompt and input ids, the same greedy tokens and text, top-5 logits within 1e-3.
 */
class AskGoldenCasesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"image_question", "text_only", "text_before_image", "chat_multiturn", "chat_text_only",
            "alpha_image", "two_images", "long_text"})
    void askJsonReproducesTheGoldenCase(String name) throws Exception {
        GoldenCase g = GoldenCase.load(name);
        CliProcess.Result r = CliProcess.run(tmp, askArgs(g, tmp).toArray(String[]::new));
        assertReproduces(g, r);
    }

    /** {@code ask --json} arguments that replay golden case g greedily (a --messages file goes into dir). */
    static List<String> askArgs(GoldenCase g, Path dir) throws Exception {
        Path fixture = GoldenCase.fixture();
        JsonNode want = g.json();
        List<String> args = new ArrayList<>(List.of("ask", "--model", fixture.toString(), "--temperature", "0",
                "--max-tokens", String.valueOf(want.get("generated_ids").size()), "--json"));
        if (want.get("kind").asText().equals("raw")) {
            args.add("--raw");
            for (JsonNode img : want.get("images")) args.addAll(List.of("--image", fixture.resolve("golden").resolve(img.asText()).toString()));
            args.add(want.get("prompt").asText());
        } else {
            args.addAll(List.of("--messages", messagesFile(want, fixture, dir).toString(), "--date",
                    want.get("chat_template_kwargs").get("date_string").asText()));
        }
        return args;
    }

    /** The run's JSON against the golden: prompt, ids and text exactly, top-5 logits within the README's 1e-3. */
    static void assertReproduces(GoldenCase g, CliProcess.Result r) throws Exception {
        String name = g.name();
        JsonNode want = g.json();
        assertEquals(0, r.exitCode(), name + ": exit code; stderr: " + r.errorLines());
        JsonNode got = JSON.readTree(r.stdout());
        assertEquals(want.get("templated_prompt").asText(), got.get("templated_prompt").asText(), name + ": templated prompt");
        assertEquals(want.get("input_ids"), got.get("input_ids"), name + ": input ids");
        assertEquals(want.get("generated_ids"), got.get("generated_ids"), name + ": generated ids");
        assertEquals(want.get("generated_text").asText(), got.get("generated_text").asText(), name + ": generated text");
        JsonNode wTop = want.get("first_step_top5"), gTop = got.get("first_step_top5");
        assertEquals(wTop.get("ids").get(0).asInt(), gTop.get("ids").get(0).asInt(), name + ": top-1 id");
        for (int i = 0; i < 5; i++) {
            assertEquals(wTop.get("logits").get(i).asDouble(), gTop.get("logits").get(i).asDouble(), 1e-3, name + ": top-5 logit " + i);
        }
        int images = want.get("images").size();
        if (images > 0) {
            for (int m = 0; m < images; m++) {
                JsonNode info = want.get("image_info").get(m), mine = got.get("images").get(m);
                assertEquals(want.get("aspect_ratio_ids").get(0).get(m).asInt(), mine.get("aspect_ratio_id").asInt(), name + ": aspect ratio id");
                assertEquals(info.get("tiles_hw"), mine.get("tiles_hw"), name + ": tile grid");
                assertEquals(info.get("canvas_hw"), mine.get("canvas_hw"), name + ": canvas");
            }
            assertTrue(got.get("image_encode_ms").asDouble() > 0, name + ": image encode time reported");
        }
    }

    /** The golden's messages as a --messages file: each {"type":"image"} item gets the path of the next image. */
    private static Path messagesFile(JsonNode want, Path fixture, Path dir) throws Exception {
        ArrayNode msgs = (ArrayNode) want.get("messages").deepCopy();
        int next = 0;
        for (JsonNode m : msgs) {
            if (!m.get("content").isArray()) continue;
            for (JsonNode part : m.get("content")) {
                if (part.get("type").asText().equals("image")) {
                    ((ObjectNode) part).put("path", fixture.resolve("golden").resolve(want.get("images").get(next++).asText()).toString());
                }
            }
        }
        Path f = dir.resolve("messages.json");
        Files.writeString(f, JSON.writeValueAsString(msgs));
        return f;
    }
}
