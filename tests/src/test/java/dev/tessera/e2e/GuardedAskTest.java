package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tessera ask --guard-model}: tiny-mllama answers, tiny-guard checks. Random weights give whatever verdict
 * they give (mostly unreadable text, which must block); each test asserts the handling that verdict calls for.
 */
class GuardedAskTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    private CliProcess.Result ask(String... extra) throws Exception {
        String[] base = {"ask", "--model", Fixtures.tinyMllama().toString(), "--guard-model", Fixtures.tinyGuard().toString(),
                "--image", Fixtures.tinyMllamaGolden().resolve("chart.png").toString(), "--max-tiles", "1", "--max-tokens", "6",
                "--temperature", "0", "--date", "26 Jul 2024"};
        String[] args = new String[base.length + extra.length + 1];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        args[args.length - 1] = "What is in this chart?";
        return CliProcess.run(tmp, args);
    }

    @Test
    void blockJson() throws Exception {
        CliProcess.Result r = ask("--json");
        JsonNode o = JSON.readTree(r.stdout());
        JsonNode g = o.get("guard");
        assertEquals("block", g.get("policy").asText());
        JsonNode in = g.get("input");
        assertEquals("User", in.get("role").asText());
        assertTrue(in.get("timings").get("prefill_ms").asDouble() > 0);
        if (!in.get("verdict").asText().equals("safe")) {
            assertEquals("input_blocked", g.get("outcome").asText());
            assertEquals(3, r.exitCode(), r.errorLines());
            assertFalse(o.has("generated_ids"), "the main model never ran");
            assertTrue(g.get("output").isNull());
            assertTrue(g.get("notice").asText().startsWith("Blocked:"), g.get("notice").asText());
            return;
        }
        JsonNode out = g.get("output");
        assertEquals("Agent", out.get("role").asText());
        assertEquals(0.0, out.get("timings").get("image_encode_ms").asDouble(), "the guard's image encoding is reused");
        if (out.get("verdict").asText().equals("safe")) {
            assertEquals(0, r.exitCode());
            assertTrue(o.has("generated_text"));
        } else {
            assertEquals(3, r.exitCode());
            assertEquals("answer_withheld", g.get("outcome").asText());
            assertTrue(o.get("withheld").asBoolean());
            assertFalse(o.has("generated_text"));
        }
    }

    @Test
    void warnJsonRunsBothChecksAndAnswers() throws Exception {
        CliProcess.Result r = ask("--json", "--guard-policy", "warn", "--guard-memory", "one-at-a-time");
        assertEquals(0, r.exitCode(), r.errorLines());
        JsonNode o = JSON.readTree(r.stdout());
        JsonNode g = o.get("guard");
        assertEquals("answered", g.get("outcome").asText());
        assertEquals("one-at-a-time", g.get("memory").asText());
        assertTrue(o.get("generated_ids").size() > 0);
        int findings = (g.get("input").get("verdict").asText().equals("safe") ? 0 : 1) + (g.get("output").get("verdict").asText().equals("safe") ? 0 : 1);
        assertEquals(findings, g.get("warnings").size());
        assertTrue(g.get("output").get("timings").get("load_ms").asDouble() > 0, "one at a time: the guard was opened again for the output check");
        double p = g.get("input").get("unsafe_probability").asDouble();
        assertTrue(p >= 0 && p <= 1);
    }

    @Test
    void aGuardThatCannotLoadBlocks() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "ask", "--model", Fixtures.tinyMllama().toString(), "--guard-model",
                tmp.resolve("no-such-guard").toString(), "--max-tokens", "4", "hello");
        assertEquals(3, r.exitCode(), r.errorLines());
        assertTrue(r.stdout().isBlank(), "nothing answered: " + r.stdout());
        assertTrue(r.errorLines().contains("Blocked: the guard could not check the question"), r.errorLines());
        assertTrue(r.errorLines().contains("no-such-guard"), r.errorLines());
    }

    /** --guard-text-model takes the text-only checks: a broken one blocks a text question, not an image question. */
    @Test
    void textOnlyChecksGoToTheTextGuard() throws Exception {
        String broken = tmp.resolve("no-such-1b").toString();
        CliProcess.Result text = CliProcess.run(tmp, "ask", "--model", Fixtures.tinyMllama().toString(), "--guard-model",
                Fixtures.tinyGuard().toString(), "--guard-text-model", broken, "--max-tokens", "4", "--json", "hello");
        assertEquals(3, text.exitCode(), text.errorLines());
        JsonNode in = JSON.readTree(text.stdout()).get("guard").get("input");
        assertEquals("error", in.get("verdict").asText());
        assertTrue(in.get("reason").asText().contains("no-such-1b"), in.toString());

        CliProcess.Result image = ask("--json", "--guard-policy", "warn", "--guard-text-model", broken);
        assertEquals(0, image.exitCode(), image.errorLines());
        JsonNode g = JSON.readTree(image.stdout()).get("guard");
        assertFalse(g.get("input").get("verdict").asText().equals("error"), g.toString());
        assertFalse(g.get("output").get("verdict").asText().equals("error"), "the answer to an image question is checked with the image: " + g);
    }

    @Test
    void policyWithoutAGuardIsBadUsage() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "ask", "--model", Fixtures.tinyMllama().toString(), "--guard-policy", "block", "hello");
        CliErrorsTest.assertOneLineError(r, "--guard-model");
    }

    /** Two turns through {@code chat --guard-model}: each is checked and reported, whatever the random verdicts. */
    @Test
    void guardedChatChecksEveryTurn() throws Exception {
        CliProcess.Result r = CliProcess.runWithInput(tmp, "What is this?\nAnd the colours?\n/quit\n", "chat", "--model",
                Fixtures.tinyMllama().toString(), "--guard-model", Fixtures.tinyGuard().toString(), "--image",
                Fixtures.tinyMllamaGolden().resolve("chart.png").toString(), "--max-tiles", "1", "--max-tokens", "4",
                "--temperature", "0", "--date", "26 Jul 2024");
        assertEquals(0, r.exitCode(), r.errorLines());
        assertTrue(r.stdout().contains("guarded by tiny-guard (block)"), r.stdout());
        long reports = r.stdout().lines().filter(l -> l.contains("[guard: question ")).count();
        assertEquals(2, reports, r.stdout());
        for (String l : r.stdout().lines().filter(l -> l.contains("[guard: question ")).toList()) {
            // block: a question that is not safe is never answered, so its answer is never checked
            boolean questionSafe = l.contains("[guard: question safe");
            assertEquals(questionSafe, l.contains("; answer "), l);
        }
    }

    @Test
    void inspectShowsWhatBothNeed() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "inspect", "--model", Fixtures.tinyMllama().toString(), "--guard-model", Fixtures.tinyGuard().toString());
        assertEquals(0, r.exitCode(), r.errorLines());
        assertTrue(r.stdout().contains("both resident:") && r.stdout().contains("one after the other:"), r.stdout());
        assertTrue(r.stdout().contains("guard model:"), r.stdout());
    }
}
