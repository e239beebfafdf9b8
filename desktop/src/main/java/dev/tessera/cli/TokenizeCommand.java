package dev.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.tokenizer.Tokenizer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Print the token ids of a text as JSON. With --jsonl, read {\"text\":..} lines on stdin and write {\"ids\":[..]} lines.")
final class TokenizeCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--model", required = true, description = "Model folder (its tokenizer.json).")
    Path model;

    @Option(names = "--jsonl", description = "Read JSON lines {\"text\": ...} from stdin.")
    boolean jsonl;

    @Option(names = "--special", description = "Recognise special tokens such as <|image|> in the text.")
    boolean special;

    @Parameters(arity = "0..1", description = "The text (without --jsonl).")
    String text;

    @Override
    public Integer call() throws Exception {
        Tokenizer tok = Tokenizer.load(model);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        if (!jsonl) {
            if (text == null) throw new BadInputException("give a TEXT to tokenize, or --jsonl to read lines from stdin");
            out.println(JSON.writeValueAsString(tok.encode(text, special)));
            out.flush();
            return Main.OK;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank()) continue;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (Exception e) {
                throw new BadInputException("stdin line " + n + ": not valid JSON");
            }
            JsonNode t = node == null ? null : node.get("text");
            if (t == null || !t.isTextual()) throw new BadInputException("stdin line " + n + ": expected {\"text\": \"...\"}");
            out.println(JSON.writeValueAsString(Map.of("ids", tok.encode(t.asText(), special))));
        }
        out.flush();
        return Main.OK;
    }
}
