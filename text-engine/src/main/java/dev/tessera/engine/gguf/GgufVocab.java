package dev.tessera.engine.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code tokenizer.ggml.*} keys of a Llama 3 model, from its {@code tokenizer.json}, as llama.cpp's converter
 * writes them for a byte-level BPE ("gpt2") vocabulary: one token string per id up to the model's vocabulary size
 * (ids the tokenizer lacks become "[PADn]", unused), token types (normal, control for special added tokens,
 * user-defined for other added tokens), and the merges as "left right" strings.
 */
public record GgufVocab(List<String> tokens, int[] types, List<String> merges, int bos, int eos) {
    static final int NORMAL = 1, UNUSED = 5, CONTROL = 3, USER_DEFINED = 4;

    public static GgufVocab read(Path modelDir, int vocabSize, int configBos, int[] configEos) {
        Path file = modelDir.resolve("tokenizer.json");
        JsonNode root = json(file);
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText())) {
            throw new BadInputException(file + ": model.type is not BPE; only byte-level BPE (Llama 3) vocabularies are exported");
        }
        String[] tokens = new String[vocabSize];
        int[] types = new int[vocabSize];
        model.path("vocab").fields().forEachRemaining(e -> {
            int id = e.getValue().asInt(-1);
            if (id >= 0 && id < vocabSize) {
                tokens[id] = e.getKey();
                types[id] = NORMAL;
            }
        });
        for (JsonNode a : root.path("added_tokens")) {
            int id = a.path("id").asInt(-1);
            if (id < 0 || id >= vocabSize) continue; // e.g. <|image|> of an mllama tokenizer on a text model
            tokens[id] = a.path("content").asText();
            types[id] = a.path("special").asBoolean(false) ? CONTROL : USER_DEFINED;
        }
        for (int i = 0; i < vocabSize; i++) {
            if (tokens[i] == null) {
                tokens[i] = "[PAD" + i + "]";
                types[i] = UNUSED;
            }
        }
        List<String> merges = new ArrayList<>();
        for (JsonNode m : model.path("merges")) {
            merges.add(m.isArray() ? m.get(0).asText() + " " + m.get(1).asText() : m.asText());
        }
        if (merges.isEmpty()) throw new BadInputException(file + ": no merges in model.merges");
        int eos = eosFromTokenizerConfig(modelDir, Arrays.asList(tokens));
        if (eos < 0) eos = configEos.length > 0 ? configEos[0] : -1;
        return new GgufVocab(Arrays.asList(tokens), types, merges, configBos, eos);
    }

    /** As the converter's SpecialVocab: tokenizer_config.json's eos_token (Instruct models: <|eot_id|>) comes first. */
    private static int eosFromTokenizerConfig(Path dir, List<String> tokens) {
        Path file = dir.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(file)) return -1;
        JsonNode eos = json(file).path("eos_token");
        String text = eos.isObject() ? eos.path("content").asText(null) : eos.asText(null);
        return text == null ? -1 : tokens.indexOf(text);
    }

    private static JsonNode json(Path file) {
        try {
            return JsonMapper.builder().build().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": not readable JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
