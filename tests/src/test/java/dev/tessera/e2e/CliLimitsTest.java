package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.llama.GoldenCase;
import dev.tessera.engine.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory check and the limits on one request, as the command line reports them. */
class CliLimitsTest {
    @TempDir
    Path tmp;

    private static String model() {
        return GoldenCase.fixture().toString();
    }

    @Test
    void tooLittleMemoryIsRefusedWithOneLineAndTheOverrideRuns() throws Exception {
        // the JVM is told it has 50 MB available: the 25 MB of weights fit, their caches and workspace do not
        List<String> small = List.of("-Dtessera.availableMemoryBytes=50000000");
        CliProcess.Result r = CliProcess.run(tmp, List.of(), small, null, "ask", "--model", model(), "--max-tokens", "2", "Hi");
        assertEquals(1, r.exitCode(), "not bad input - the same files run on a bigger machine: " + r.errorLines());
        String err = r.errorLines();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("tessera: not enough memory for tiny-mllama: it needs about "), err);
        assertTrue(err.contains("--ignore-memory-check"), err);
        assertEquals("", r.stdout(), "nothing generated");

        CliProcess.Result forced = CliProcess.run(tmp, List.of(), small, null, "ask", "--model", model(), "--max-tokens", "2",
                "--ignore-memory-check", "Hi");
        assertEquals(0, forced.exitCode(), forced.errorLines());
        assertFalse(forced.stdout().isBlank(), "the override answers");
    }

    @Test
    void tooManyImagesInOneMessage() throws Exception {
        List<String> args = new ArrayList<>(List.of("ask", "--model", model(), "--max-tokens", "1"));
        for (int i = 0; i < 5; i++) args.addAll(List.of("--image", GoldenCase.fixture().resolve("golden/chart.png").toString()));
        args.add("Which differ?");
        CliProcess.Result r = CliProcess.run(tmp, args.toArray(String[]::new));
        CliErrorsTest.assertOneLineError(r, "has 5 images; at most 4 per message");
    }

    @Test
    void aPromptLongerThanTheContextIsRefused() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "ask", "--model", model(), "--context", "16", "--max-tokens", "1",
                "Please describe, at great length and in detail, the history of the printing press.");
        CliErrorsTest.assertOneLineError(r, "but the context holds 16 (--context)");
        CliProcess.Result beyond = CliProcess.run(tmp, "ask", "--model", model(), "--context", "200000", "Hi");
        CliErrorsTest.assertOneLineError(beyond, "max_position_embeddings 131072");
    }

    /** A chat turn that would outgrow the context is refused with one line; the chat goes on without it. */
    @Test
    void chatRefusesATurnBeyondTheContextAndKeepsGoing() throws Exception {
        String input = "Hi\n" + "tell me more ".repeat(100) + "\nBye\n/quit\n";
        CliProcess.Result r = CliProcess.runWithInput(tmp, input, "chat", "--model", model(), "--context", "200",
                "--max-tokens", "4");
        assertEquals(0, r.exitCode(), r.errorLines());
        String err = r.errorLines();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.matches("tessera: the prompt is \\d+ tokens, but the context holds 200 \\(--context\\).*"), err);
        assertEquals(2, r.stdout().lines().filter(l -> l.contains(" tokens, prefill ")).count(), "both short turns answered: " + r.stdout());
    }

    /** The same with a guard: the refused turn ends only itself, as in the unguarded chat. */
    @Test
    void guardedChatRefusesATurnBeyondTheContextAndKeepsGoing() throws Exception {
        String input = "Hi\n" + "tell me more ".repeat(100) + "\nBye\n/quit\n";
        // warn: the tiny guard's random verdicts would block every turn before the main model's context check
        CliProcess.Result r = CliProcess.runWithInput(tmp, input, "chat", "--model", model(), "--context", "200",
                "--max-tokens", "4", "--guard-model", Fixtures.tinyGuard().toString(), "--guard-policy", "warn");
        assertEquals(0, r.exitCode(), r.errorLines());
        String err = r.errorLines();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.matches("tessera: the prompt is \\d+ tokens, but the context holds 200 \\(--context\\).*"), err);
        assertEquals(2, r.stdout().lines().filter(l -> l.contains("[guard: question")).count(), "both short turns checked: " + r.stdout());
    }

    @Test
    void maxTokensBoundsTheAnswer() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "ask", "--model", model(), "--max-tokens", "5", "--json",
                "Tell me a long story.");
        assertEquals(0, r.exitCode(), r.errorLines());
        JsonNode j = JsonMapper.builder().build().readTree(r.stdout());
        int n = j.get("generated_ids").size();
        String finish = j.get("finish_reason").asText();
        assertTrue(n == 5 && finish.equals("length") || n < 5 && finish.equals("stop"), n + " tokens, " + finish);
    }
}
