package dev.tessera.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.engine.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small hand-written tokenizer.json files: the BPE rules, both merge forms, and every kind of bad file. */
class TokenizerJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Vocabulary a, b, c, Ġ (space) and the merges "b c" (rank 0), "a b" (rank 1); tokens bc, ab, abc. */
    private ObjectNode tiny(boolean ignoreMerges, boolean arrayMerges) {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("added_tokens").addObject().put("id", 100).put("content", "<|end|>").put("special", true);
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false).put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").put("ignore_merges", ignoreMerges);
        ObjectNode vocab = model.putObject("vocab");
        String[] tokens = {"a", "b", "c", "Ġ", "bc", "ab", "abc", "Ġa"};
        for (int i = 0; i < tokens.length; i++) vocab.put(tokens[i], i);
        ArrayNode merges = model.putArray("merges");
        for (String[] m : new String[][] {{"b", "c"}, {"a", "b"}, {"Ġ", "a"}}) {
            if (arrayMerges) merges.addArray().add(m[0]).add(m[1]);
            else merges.add(m[0] + " " + m[1]);
        }
        return root;
    }

    private Path write(Object json) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, json instanceof String s ? s : JSON.writeValueAsString(json));
        return file;
    }

    @Test
    void lowestRankMergesFirst() throws IOException {
        Tokenizer t = Tokenizer.load(write(tiny(false, false)));
        assertArrayEquals(new int[] {0, 4}, t.encode("abc", true)); // b+c (rank 0) wins over a+b (rank 1)
        assertArrayEquals(new int[] {5}, t.encode("ab", true));
        assertArrayEquals(new int[] {5, 7}, t.encode("ab a", true)); // GPT-2 split: "ab", " a"
        assertEquals("ab a", t.decode(new int[] {5, 7}));
    }

    /** Found by TokenizerFuzzTest#tokenizerJson: id 2147483647 overflowed the id table's length. */
    @Test
    void anIdFarBeyondTheVocabularyIsRefused() throws IOException {
        for (long id : new long[] {Integer.MAX_VALUE, 50_000_000L, 5_000}) {
            ObjectNode root = tiny(false, false);
            ((ObjectNode) root.get("model").get("vocab")).put("far", id);
            BadInputException e = assertThrows(BadInputException.class, () -> Tokenizer.load(write(root)));
            assertTrue(e.getMessage().endsWith("tokenizer.json: token id " + id + " is far beyond the 10 tokens defined (ids must be about 0..9)"),
                    e.getMessage());
        }
    }

    @Test
    void ignoreMergesTakesAWholeWordFromTheVocabulary() throws IOException {
        Tokenizer t = Tokenizer.load(write(tiny(true, false)));
        assertArrayEquals(new int[] {6}, t.encode("abc", true));
    }

    @Test
    void arrayFormMergesReadTheSame() throws IOException {
        Tokenizer t = Tokenizer.load(write(tiny(false, true)));
        assertArrayEquals(new int[] {0, 4}, t.encode("abc", true));
        assertArrayEquals(new int[] {5, 100}, t.encode("ab<|end|>", true));
        assertEquals(101, t.size());
    }

    @Test
    void mergesMayComeBeforeTheVocabulary() throws IOException {
        ObjectNode root = tiny(false, false);
        ObjectNode model = (ObjectNode) root.get("model");
        ObjectNode reordered = JSON.createObjectNode();
        reordered.set("merges", model.get("merges"));
        reordered.set("vocab", model.get("vocab"));
        root.set("model", reordered);
        assertArrayEquals(new int[] {0, 4}, Tokenizer.load(write(root)).encode("abc", true));
    }

    @Test
    void aByteMissingFromTheVocabularyIsBadInputWhenUsed() throws IOException {
        Tokenizer t = Tokenizer.load(write(tiny(false, false)));
        var e = assertThrows(BadInputException.class, () -> t.encode("z", true));
        assertTrue(e.getMessage().contains("0x7a"), e.getMessage());
    }

    @Test
    void notJson() throws IOException {
        assertBad(write("{\"model\": {\"vocab\": {\"a\": 0,,}}"), "not valid JSON");
    }

    @Test
    void missingVocabulary() throws IOException {
        ObjectNode root = tiny(false, false);
        ((ObjectNode) root.get("model")).remove("vocab");
        assertBad(write(root), "model.vocab is missing");
    }

    @Test
    void mergeNamingAnUnknownToken() throws IOException {
        ObjectNode root = tiny(false, false);
        ((ArrayNode) root.get("model").get("merges")).add("c x");
        assertBad(write(root), "merges entry 3 (\"c x\") needs \"x\", which is not in model.vocab");
    }

    @Test
    void mergeWhoseResultIsNotInTheVocabulary() throws IOException {
        ObjectNode root = tiny(false, false);
        ((ArrayNode) root.get("model").get("merges")).add("c a");
        assertBad(write(root), "merges entry 3 (\"c a\") needs \"ca\"");
    }

    @Test
    void mergeThatIsNotAPair() throws IOException {
        ObjectNode root = tiny(false, false);
        ((ArrayNode) root.get("model").get("merges")).add("abc");
        assertBad(write(root), "merges entry 3 is not a pair");
        ((ArrayNode) root.get("model").get("merges")).remove(3);
        ((ArrayNode) root.get("model").get("merges")).addArray().add("a");
        assertBad(write(root), "merges entry 3 is not a pair of strings");
    }

    @Test
    void unsupportedModelsAreRefusedNotMisread() throws IOException {
        ObjectNode root = tiny(false, false);
        root.putObject("normalizer").put("type", "NFC");
        assertBad(write(root), "normalizer NFC is not supported");
        ObjectNode wordPiece = tiny(false, false);
        ((ObjectNode) wordPiece.get("model")).put("type", "WordPiece");
        assertBad(write(wordPiece), "model type WordPiece");
    }

    @Test
    void missingFileOrFolder() {
        var e = assertThrows(BadInputException.class, () -> Tokenizer.load(dir));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }

    private static void assertBad(Path file, String problem) {
        var e = assertThrows(BadInputException.class, () -> Tokenizer.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
