package dev.tessera.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.testing.Fixtures;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Load and encode speed, printed for the record. The limits are ten times what a laptop needs, so a busy CI
 * machine does not fail; they catch an accidental quadratic merge loop or a per-call table rebuild.
 */
class TokenizerSpeedTest {
    @Test
    void loadAndLongTextEncodeAreFast() throws IOException {
        long t0 = System.nanoTime();
        Tokenizer tokenizer = Tokenizer.load(Fixtures.tinyMllama());
        double loadMs = (System.nanoTime() - t0) / 1e6;

        JsonNode c = new ObjectMapper().readTree(Fixtures.tinyMllamaGolden().resolve("long_text.json").toFile());
        String prompt = c.get("templated_prompt").asText();
        int expectedTokens = c.get("input_ids").size();
        double[] ms = new double[30];
        for (int run = 0; run < ms.length; run++) {
            long t = System.nanoTime();
            int n = tokenizer.encode(prompt, true).length;
            ms[run] = (System.nanoTime() - t) / 1e6;
            assertEquals(expectedTokens, n);
        }
        double first = ms[0];
        Arrays.sort(ms);
        double median = ms[ms.length / 2];
        System.out.printf("tokenizer load %.0f ms; long_text (%d tokens) encode: first %.2f ms, median %.3f ms%n",
                loadMs, expectedTokens, first, median);
        assertTrue(loadMs < 10_000, "load took " + loadMs + " ms");
        assertTrue(median < 50, "long_text encode took " + median + " ms");
    }
}
