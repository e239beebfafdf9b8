package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.llama.GoldenCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tessera tokenize --jsonl} reproduces every id of the real Llama 3 tokenizer cases. */
class TokenizeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void jsonlReproducesEveryTokenizerCase() throws Exception {
        Path fixture = GoldenCase.fixture();
        Path cases = fixture.getParent().resolve("tokenizer/llama3-bpe-cases.jsonl");
        List<String> lines = Files.readAllLines(cases).stream().filter(l -> !l.isBlank()).toList();
        StringBuilder input = new StringBuilder();
        JsonMapper json = JsonMapper.builder().build();
        for (String l : lines) input.append(json.writeValueAsString(java.util.Map.of("text", json.readTree(l).get("text").asText()))).append('\n');
        CliProcess.Result r = CliProcess.runWithInput(tmp, input.toString(), "tokenize", "--model", fixture.toString(), "--jsonl");
        assertEquals(0, r.exitCode(), r.errorLines());
        List<String> out = r.stdout().lines().toList();
        assertEquals(lines.size(), out.size(), "one output line per case");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode want = json.readTree(lines.get(i));
            assertEquals(want.get("ids"), json.readTree(out.get(i)).get("ids"), "case " + i + ": " + want.get("text"));
        }
    }
}
