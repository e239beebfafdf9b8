package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.engine.llama.GoldenCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus: broken images, checkpoints, configs and tokenizer files, made here (BadImages,
 * BrokenModelFolders), each given to {@code tessera ask} as its own process. Every one must end with exit code 2
 * and one line on stderr that names the file at fault and the problem - no stack trace, no Java exception name.
 * The table of input, exit code and message goes to target/bad-input-table.md for the closing note.
 */
class BadInputCorpusTest {
    /** A Java exception's class name at the start of the message or after "tessera: ": a crash, not a refusal. */
    private static final Pattern JAVA_EXCEPTION = Pattern.compile("(^|: )(java\\.|[A-Z][A-Za-z]*(Exception|Error)\\b)");

    @TempDir
    Path tmp;

    /** One input: what it is, the arguments after "ask", the words the message must hold. */
    record Case(String input, List<String> args, String... mustContain) {}

    @Test
    void everyBadInputIsOneClearLineWithExitCode2() throws Exception {
        List<Case> cases = new ArrayList<>();
        cases.addAll(imageCases());
        cases.addAll(checkpointCases());
        cases.addAll(tokenizerCases());

        // two processes at a time: each is mostly JVM start-up and tokenizer loading, on one core
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<CliProcess.Result>> runs = new ArrayList<>();
        for (Case c : cases) runs.add(pool.submit(() -> CliProcess.run(tmp, c.args().toArray(String[]::new))));
        pool.shutdown();

        StringBuilder table = new StringBuilder("| input | exit code | message |\n|---|---|---|\n");
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            CliProcess.Result r = runs.get(i).get();
            String err = r.errorLines();
            table.append("| ").append(c.input()).append(" | ").append(r.exitCode()).append(" | `")
                    .append(err.replace(tmp.toString(), "…").replace("|", "\\|").replace("\n", " ⏎ ")).append("` |\n");
            checks.add(() -> {
                assertEquals(2, r.exitCode(), c.input() + ": exit code; stderr: " + err);
                assertEquals(1, err.lines().count(), c.input() + ": one line: " + err);
                assertTrue(err.startsWith("tessera: "), c.input() + ": " + err);
                assertFalse(err.contains("\tat "), c.input() + ": no stack trace: " + err);
                assertFalse(err.contains("[Source:"), c.input() + ": no parser internals: " + err);
                assertFalse(JAVA_EXCEPTION.matcher(err.substring("tessera: ".length())).find(),
                        c.input() + ": a refusal, not a Java exception: " + err);
                for (String word : c.mustContain()) {
                    assertTrue(err.contains(word), c.input() + ": should mention '" + word + "': " + err);
                }
            });
        }
        Path out = Path.of("target", "bad-input-table.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println(table);
        assertAll(checks);
    }

    /** The wrong extension alone is no error: images are recognised by their content, as Pillow does. */
    @Test
    void imageWithTheWrongExtensionIsReadByItsContent() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
        Path f = Files.write(tmp.resolve("really-a-png.jpg"), dev.tessera.vision.image.TestImages.encode(img, "png"));
        CliProcess.Result r = CliProcess.run(tmp, ask(GoldenCase.fixture(), "--image", f.toString()).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.errorLines());
        assertEquals("", r.errorLines());
    }

    private List<Case> imageCases() throws Exception {
        List<Case> cases = new ArrayList<>();
        Path dir = Files.createDirectories(tmp.resolve("images"));
        for (BadImages.Image img : BadImages.all()) {
            Path f = Files.write(dir.resolve(img.fileName()), img.bytes());
            cases.add(new Case(img.what(), ask(GoldenCase.fixture(), "--image", f.toString()),
                    concat(img.fileName(), img.mustContain())));
        }
        return cases;
    }

    private List<Case> checkpointCases() throws Exception {
        BrokenModelFolders m = new BrokenModelFolders(GoldenCase.fixture(), tmp.resolve("models"));
        String lmHead = m.tensor("lm_head"), downProj = m.tensor("layers.0.mlp.down_proj");
        String w = "model.safetensors";
        List<Case> cases = new ArrayList<>();
        cases.add(model("safetensors: header length past the end of the file",
                m.withHeaderLength("header-past-end", 1L << 40), w, "header"));
        cases.add(model("safetensors: header is not JSON",
                m.withBytes("header-not-json", w, new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '"', 'a', '"', ':', '1', ',', ','}), w,
                "not valid JSON"));
        cases.add(model("safetensors: empty file", m.withBytes("empty-weights", w, new byte[0]), w));
        cases.add(model("safetensors: negative data offset", m.withHeader("negative-offset",
                h -> offsets(h, lmHead, -64, ((ObjectNode) h.get(lmHead)).get("data_offsets").get(1).asLong())), w, lmHead));
        cases.add(model("safetensors: overlapping offsets", m.withHeader("overlap", h -> {
            var a = h.get(lmHead).get("data_offsets");
            offsets(h, downProj, a.get(0).asLong(), a.get(0).asLong() + 48 * 128 * 2);
        }), w, downProj));
        cases.add(model("safetensors: data offset past the end", m.withHeader("offset-past-end",
                h -> offsets(h, downProj, 1L << 40, (1L << 40) + 48 * 128 * 2)), w, downProj));
        cases.add(model("safetensors: unknown dtype", m.withHeader("unknown-dtype",
                h -> ((ObjectNode) h.get(downProj)).put("dtype", "F9")), w, "F9"));
        cases.add(model("safetensors: shape disagrees with byte size", m.withHeader("shape-size",
                h -> ((ObjectNode) h.get(downProj)).putArray("shape").add(48).add(129)), w, downProj));
        cases.add(model("safetensors: a needed tensor missing", m.withHeader("missing-tensor",
                h -> h.remove(downProj)), downProj));
        cases.add(model("index: shard listed but absent", shardMissing(m, downProj), "model-00002-of-00002.safetensors"));
        cases.add(model("config.json: not JSON", m.withBytes("config-not-json", "config.json", "{\"text_config\": {".getBytes()),
                "config.json"));
        cases.add(model("config.json: hidden_size is a string", m.withJson("config-wrong-type", "config.json",
                c -> ((ObjectNode) c.get("text_config")).put("hidden_size", "forty-eight")), "config.json", "hidden_size"));
        cases.add(model("config.json: num_attention_heads missing", m.withJson("config-missing-key", "config.json",
                c -> ((ObjectNode) c.get("text_config")).remove("num_attention_heads")), "config.json", "num_attention_heads"));
        cases.add(model("config.json: hidden_size disagrees with the tensors", m.withJson("config-disagrees", "config.json",
                c -> ((ObjectNode) c.get("text_config")).put("hidden_size", 64)), "shape"));
        cases.add(model("generation_config.json: temperature is a list", m.withJson("genconfig-wrong-type",
                "generation_config.json", c -> c.putArray("temperature").add(1)), "generation_config.json", "temperature"));
        return cases;
    }

    private List<Case> tokenizerCases() throws Exception {
        BrokenModelFolders m = new BrokenModelFolders(GoldenCase.fixture(), tmp.resolve("tokenizers"));
        String t = "tokenizer.json";
        List<Case> cases = new ArrayList<>();
        cases.add(model("tokenizer.json: missing", m.folder("tokenizer-missing", t), t));
        cases.add(model("tokenizer.json: empty", m.withBytes("tokenizer-empty", t, new byte[0]), t));
        byte[] whole = Files.readAllBytes(GoldenCase.fixture().resolve(t));
        cases.add(model("tokenizer.json: truncated", m.withBytes("tokenizer-truncated", t,
                java.util.Arrays.copyOf(whole, whole.length / 2)), t));
        cases.add(model("tokenizer.json: model.vocab is a list", m.withJson("tokenizer-vocab-list", t,
                j -> ((ObjectNode) j.get("model")).putArray("vocab").add("a")), t, "vocab"));
        cases.add(model("tokenizer.json: a merge of unknown tokens", m.withJson("tokenizer-bad-merge", t,
                j -> ((com.fasterxml.jackson.databind.node.ArrayNode) j.get("model").get("merges")).insert(0, "zzqx qqzx")), t, "merge"));
        cases.add(model("tokenizer.json: unknown model type", m.withJson("tokenizer-wordpiece", t,
                j -> ((ObjectNode) j.get("model")).put("type", "WordPiece")), t, "WordPiece"));
        return cases;
    }

    /** A sharded folder: the index puts {@code moved} in a second shard that does not exist. */
    private static Path shardMissing(BrokenModelFolders m, String moved) throws Exception {
        Path dir = m.folder("shard-missing");
        ObjectNode index = BrokenModelFolders.JSON.createObjectNode();
        index.putObject("metadata").put("total_size", 0);
        ObjectNode map = index.putObject("weight_map");
        m.header().fieldNames().forEachRemaining(n -> {
            if (!n.equals("__metadata__")) map.put(n, n.equals(moved) ? "model-00002-of-00002.safetensors" : "model.safetensors");
        });
        Files.write(dir.resolve("model.safetensors.index.json"), BrokenModelFolders.JSON.writeValueAsBytes(index));
        return dir;
    }

    private static void offsets(ObjectNode header, String tensor, long start, long end) {
        ((ObjectNode) header.get(tensor)).putArray("data_offsets").add(start).add(end);
    }

    private static Case model(String input, Path dir, String... mustContain) {
        return new Case(input, ask(dir), mustContain);
    }

    private static List<String> ask(Path model, String... extra) {
        List<String> args = new ArrayList<>(List.of("ask", "--model", model.toString(), "--max-tokens", "1"));
        args.addAll(List.of(extra));
        args.add("What is this?");
        return args;
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
