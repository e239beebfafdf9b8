package dev.tessera.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every line of shared/fixtures/tokenizer/llama3-bpe-cases.jsonl: exact ids, and decoding gives the text back. */
class TokenizerCasesTest {
    @TestFactory
    Stream<DynamicTest> llama3BpeCases() throws IOException {
        Tokenizer tokenizer = TestTokenizers.llama();
        ObjectMapper json = new ObjectMapper();
        List<DynamicTest> tests = new ArrayList<>();
        int line = 0;
        for (String row : Files.readAllLines(Fixtures.tokenizerCases())) {
            line++;
            if (row.isBlank()) continue;
            JsonNode c = json.readTree(row);
            String text = c.get("text").asText();
            int[] ids = json.convertValue(c.get("ids"), int[].class);
            tests.add(DynamicTest.dynamicTest("line " + line + ": " + text.replace("\n", "\\n"), () -> {
                assertArrayEquals(ids, tokenizer.encode(text, true), "encode " + text);
                assertEquals(text, tokenizer.decode(ids), "decode");
            }));
        }
        return tests.stream();
    }
}
