package dev.tessera.engine.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Hugging Face tokenizer.json of a byte-level BPE model (Llama 3 and GPT-2 style). The file is
 * streamed with Jackson's JsonParser: the vocabulary (128k entries) goes into a {@link VocabMap} and each of
 * the 280k merges is resolved to ids right from the parser's buffer, with no JSON tree and no string per
 * merge. Small sections (added tokens, pre-tokenizer) are read as trees. Anything this tokenizer would
 * silently get wrong (other models, normalizers, byte fallback) is refused with a one-line
 * {@link BadInputException} naming the file.
 */
final class TokenizerJson {
    // 128k distinct vocabulary keys: interning them in Jackson's symbol table costs more than it saves
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    private static final ObjectMapper TREES = new ObjectMapper(); // for the small sections

    private final Path file;
    private final String name;
    // what the file says
    private VocabMap vocab;
    private MergeIds merges; // resolved while parsing when the vocabulary came first (it does in HF files)
    private List<String> mergeLefts; // otherwise kept as text until the vocabulary is read
    private List<String> mergeRights;
    private boolean ignoreMerges;
    private String modelType;
    private final List<AddedTokens.Added> added = new ArrayList<>();
    private final List<PreTokenizer.Stage> stages = new ArrayList<>();
    private boolean byteLevel;

    private TokenizerJson(Path file) {
        this.file = file;
        this.name = file.toString();
    }

    static Tokenizer read(Path file) {
        TokenizerJson reader = new TokenizerJson(file);
        // Decoding the whole file at once is much faster than Jackson's Reader path, which it takes for bytes
        // when canonicalization is off.
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw reader.bad("not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try (JsonParser p = JSON.createParser(text)) {
            reader.readTop(p);
        } catch (JsonProcessingException e) {
            throw reader.bad("not valid JSON (" + oneLine(e.getOriginalMessage()) + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return reader.build();
    }

    private void readTop(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) throw bad("not a JSON object");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "added_tokens" -> readAddedTokens(tree(p));
                case "normalizer" -> {
                    JsonNode n = tree(p);
                    if (n != null && !n.isNull()) throw unsupported("normalizer " + n.path("type").asText("?"));
                }
                case "pre_tokenizer" -> readPreTokenizer(tree(p), "pre_tokenizer");
                case "decoder" -> {
                    JsonNode n = tree(p);
                    if (n != null && !n.isNull() && !"ByteLevel".equals(n.path("type").asText())) {
                        throw unsupported("decoder " + n.path("type").asText("?") + " (only ByteLevel)");
                    }
                }
                case "model" -> readModel(p);
                // post_processor is ignored on purpose: where it adds BOS (TemplateProcessing) that would double
                // the BOS the chat template already writes; Tessera's encode never adds tokens.
                default -> p.skipChildren();
            }
        }
    }

    private static JsonNode tree(JsonParser p) throws IOException {
        return TREES.readTree(p);
    }

    private void readModel(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw bad("model is not an object");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "type" -> modelType = p.getValueAsString();
                case "vocab" -> readVocab(p);
                case "merges" -> readMerges(p);
                case "ignore_merges" -> ignoreMerges = value == JsonToken.VALUE_TRUE;
                case "byte_fallback" -> {
                    if (value == JsonToken.VALUE_TRUE) throw unsupported("model.byte_fallback");
                }
                case "continuing_subword_prefix", "end_of_word_suffix" -> {
                    String s = p.getValueAsString();
                    if (s != null && !s.isEmpty()) throw unsupported("model." + field);
                }
                case "dropout" -> {
                    if (value != JsonToken.VALUE_NULL && p.getValueAsDouble() > 0) throw unsupported("model.dropout");
                }
                default -> p.skipChildren();
            }
        }
    }

    private void readVocab(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw bad("model.vocab is not an object");
        vocab = new VocabMap(1 << 17);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String token = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getIntValue() < 0) {
                throw bad("model.vocab entry \"" + token + "\" is not a non-negative integer id");
            }
            vocab.put(token, p.getIntValue());
        }
    }

    private void readMerges(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw bad("model.merges is not an array");
        if (vocab != null) merges = new MergeIds();
        else {
            mergeLefts = new ArrayList<>(1 << 19);
            mergeRights = new ArrayList<>(1 << 19);
        }
        char[] pair = new char[64]; // "a" and "b" side by side, without the space
        int index = 0;
        JsonToken t;
        for (; (t = p.nextToken()) != JsonToken.END_ARRAY; index++) {
            int leftLength;
            int length;
            if (t == JsonToken.VALUE_STRING) {
                // "a b": the halves never contain a space (byte-level spells it 'Ġ'), so split at the only one
                char[] text = p.getTextCharacters();
                int offset = p.getTextOffset();
                length = p.getTextLength();
                int space = -1;
                for (int k = 0; k < length; k++) {
                    if (text[offset + k] == ' ') {
                        if (space >= 0) space = -2;
                        else if (space == -1) space = k;
                    }
                }
                if (space <= 0 || space == length - 1) throw bad("merges entry " + index + " is not a pair: \"" + p.getText() + "\"");
                pair = fit(pair, length);
                System.arraycopy(text, offset, pair, 0, space);
                System.arraycopy(text, offset + space + 1, pair, space, length - space - 1);
                leftLength = space;
                length--;
            } else if (t == JsonToken.START_ARRAY) {
                if (p.nextToken() != JsonToken.VALUE_STRING) throw bad("merges entry " + index + " is not a pair of strings");
                leftLength = p.getTextLength();
                pair = fit(pair, leftLength);
                System.arraycopy(p.getTextCharacters(), p.getTextOffset(), pair, 0, leftLength);
                if (p.nextToken() != JsonToken.VALUE_STRING) throw bad("merges entry " + index + " is not a pair of strings");
                length = leftLength + p.getTextLength();
                pair = fit(pair, length);
                System.arraycopy(p.getTextCharacters(), p.getTextOffset(), pair, leftLength, p.getTextLength());
                if (p.nextToken() != JsonToken.END_ARRAY) throw bad("merges entry " + index + " is not a pair of strings");
            } else {
                throw bad("merges entry " + index + " is not a pair");
            }
            if (merges == null) {
                mergeLefts.add(new String(pair, 0, leftLength));
                mergeRights.add(new String(pair, leftLength, length - leftLength));
            } else {
                addMerge(pair, leftLength, length, index);
            }
        }
    }

    /** Adds merge {@code index}, given as its two halves side by side in pair[0, length). */
    private void addMerge(char[] pair, int leftLength, int length, int index) {
        merges.add(resolve(pair, leftLength, length, 0, leftLength, index),
                resolve(pair, leftLength, length, leftLength, length - leftLength, index),
                resolve(pair, leftLength, length, 0, length, index));
    }

    private static char[] fit(char[] buffer, int length) {
        return buffer.length >= length ? buffer : java.util.Arrays.copyOf(buffer, Math.max(length, 2 * buffer.length));
    }

    /** Id of pair[from, from + count), part of merge {@code index} = pair[0, leftLength) + pair[leftLength, length). */
    private int resolve(char[] pair, int leftLength, int length, int from, int count, int index) {
        int id = vocab.get(pair, from, count);
        if (id >= 0) return id;
        String merge = new String(pair, 0, leftLength) + " " + new String(pair, leftLength, length - leftLength);
        throw bad("merges entry " + index + " (\"" + merge + "\") needs \"" + new String(pair, from, count)
                + "\", which is not in model.vocab");
    }

    private void readAddedTokens(JsonNode list) {
        if (list == null || list.isNull()) return;
        if (!list.isArray()) throw bad("added_tokens is not an array");
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            if (!t.path("id").canConvertToInt() || t.path("id").asInt() < 0 || !t.path("content").isTextual()) {
                throw bad("added_tokens entry " + i + " needs an integer \"id\" and a string \"content\"");
            }
            String content = t.get("content").asText();
            for (String flag : new String[] {"lstrip", "rstrip", "single_word"}) {
                if (t.path(flag).asBoolean(false)) throw unsupported("added token \"" + content + "\" with " + flag);
            }
            added.add(new AddedTokens.Added(content, t.get("id").asInt(), t.path("special").asBoolean(false)));
        }
    }

    private void readPreTokenizer(JsonNode node, String where) {
        if (node == null || node.isNull()) return;
        String type = node.path("type").asText("");
        switch (type) {
            case "Sequence" -> {
                JsonNode list = node.path("pretokenizers");
                for (int i = 0; i < list.size(); i++) readPreTokenizer(list.get(i), where + ".pretokenizers[" + i + "]");
            }
            case "Split" -> {
                if (!"Isolated".equals(node.path("behavior").asText()) || node.path("invert").asBoolean(false)) {
                    throw unsupported(where + " Split with behavior " + node.path("behavior").asText("?")
                            + (node.path("invert").asBoolean(false) ? " and invert" : ""));
                }
                JsonNode pattern = node.path("pattern");
                String regex;
                if (pattern.path("Regex").isTextual()) regex = pattern.get("Regex").asText();
                else if (pattern.path("String").isTextual()) regex = java.util.regex.Pattern.quote(pattern.get("String").asText());
                else throw bad(where + ".pattern needs \"Regex\" or \"String\"");
                try {
                    stages.add(new PreTokenizer.Stage(PreTokenizer.compile(regex), false));
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw bad(where + ".pattern is not a regex Java can read (" + oneLine(e.getDescription()) + ")");
                }
            }
            case "ByteLevel" -> {
                byteLevel = true;
                boolean useRegex = node.path("use_regex").asBoolean(true);
                boolean prefix = node.path("add_prefix_space").asBoolean(false);
                if (useRegex || prefix) {
                    stages.add(new PreTokenizer.Stage(useRegex ? PreTokenizer.compile(PreTokenizer.GPT2_PATTERN) : null, prefix));
                }
            }
            default -> throw unsupported(where + " " + (type.isEmpty() ? "without a type" : type));
        }
    }

    private Tokenizer build() {
        if (modelType != null && !modelType.equals("BPE")) throw unsupported("model type " + modelType + " (only BPE)");
        if (vocab == null) throw bad("model.vocab is missing");
        if (merges == null && mergeLefts == null) throw bad("model.merges is missing");
        if (!byteLevel) throw unsupported("a tokenizer without a ByteLevel pre-tokenizer (not byte-level BPE)");

        if (merges == null) { // the merges came before the vocabulary
            merges = new MergeIds();
            for (int i = 0; i < mergeLefts.size(); i++) {
                char[] pair = (mergeLefts.get(i) + mergeRights.get(i)).toCharArray();
                addMerge(pair, mergeLefts.get(i).length(), pair.length, i);
            }
        }
        // The id table is as long as the largest id: an id far beyond the number of tokens defined (the fuzzer
        // tried 2147483647) would overflow its length or allocate gigabytes, so ids must be roughly dense.
        long maxId = vocab.maxId();
        for (AddedTokens.Added a : added) maxId = Math.max(maxId, a.id());
        long defined = (long) vocab.size() + added.size();
        if (maxId >= MAX_TOKEN_ID || maxId >= 2 * defined + 1024) {
            throw bad("token id " + maxId + " is far beyond the " + defined + " tokens defined (ids must be about 0.."
                    + (defined - 1) + ")");
        }
        int size = (int) maxId + 1;
        String[] tokens = new String[size];
        vocab.forEach((token, id) -> tokens[id] = token);
        boolean[] special = new boolean[size];
        for (AddedTokens.Added a : added) {
            tokens[a.id()] = a.content();
            special[a.id()] = a.special();
        }

        MergeTable table = new MergeTable(merges.count);
        for (int i = 0; i < merges.count; i++) table.put(merges.left[i], merges.right[i], i, merges.merged[i]);

        int[] byteIds = new int[256];
        for (int b = 0; b < 256; b++) byteIds[b] = vocab.get(String.valueOf(ByteAlphabet.charOf(b)));

        return new Tokenizer(file, tokens, special, vocab, table, ignoreMerges, byteIds,
                new PreTokenizer(stages), new AddedTokens(added));
    }

    /** Far beyond any real vocabulary (Llama 3: 128256; the largest in use are near 1M). */
    private static final long MAX_TOKEN_ID = 1 << 24;

    private BadInputException bad(String problem) {
        return new BadInputException(name + ": " + problem);
    }

    private BadInputException unsupported(String what) {
        return bad(what + " is not supported by Tessera's tokenizer");
    }

    /** Merges as ids, in rank order: left + right -> merged. */
    private static final class MergeIds {
        int[] left = new int[1 << 16], right = new int[1 << 16], merged = new int[1 << 16];
        int count;

        void add(int l, int r, int m) {
            if (count == left.length) {
                left = java.util.Arrays.copyOf(left, 2 * count);
                right = java.util.Arrays.copyOf(right, 2 * count);
                merged = java.util.Arrays.copyOf(merged, 2 * count);
            }
            left[count] = l;
            right[count] = r;
            merged[count++] = m;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
