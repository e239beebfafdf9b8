package dev.tessera.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code generation_config.json}: stop ids and the model's default sampling settings. */
public record GenerationConfig(int[] eosTokenIds, int bosTokenId, int padTokenId, boolean doSample,
                               double temperature, double topP, int topK) {
    public static GenerationConfig load(Path modelDir, int[] fallbackEos) {
        Path p = modelDir.resolve("generation_config.json");
        if (!Files.exists(p)) return new GenerationConfig(fallbackEos, -1, -1, false, 1.0, 1.0, 0);
        JsonFields g = JsonFields.read(p);
        return new GenerationConfig(g.intList("eos_token_id", fallbackEos), g.integer("bos_token_id", -1),
                g.integer("pad_token_id", -1), g.bool("do_sample", false), g.number("temperature", 1.0),
                g.number("top_p", 1.0), g.integer("top_k", 0));
    }
}
