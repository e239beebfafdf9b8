package dev.tessera.engine.config;

import java.nio.file.Path;

/**
 * {@code config.json} of a model folder: an mllama (vision) model with {@code text_config} and
 * {@code vision_config}, or a plain {@code llama} text model (Llama Guard 3 1B).
 *
 * @param vision null for text-only models
 */
public record ModelConfig(String modelType, TextConfig text, VisionConfig vision, int imageTokenIndex, int[] eosTokenIds) {

    public static ModelConfig load(Path modelDir) {
        JsonFields c = JsonFields.read(modelDir.resolve("config.json"));
        String type = c.text("model_type", null);
        if (type == null) throw c.bad("model_type", "is missing");
        return switch (type) {
            case "mllama" -> {
                JsonFields t = c.object("text_config");
                yield new ModelConfig(type, TextConfig.read(t), VisionConfig.read(c.object("vision_config")),
                        c.integer("image_token_index", 128256), t.intList("eos_token_id", c.intList("eos_token_id", new int[0])));
            }
            case "llama" -> new ModelConfig(type, TextConfig.read(c), null, -1, c.intList("eos_token_id", new int[0]));
            default -> throw c.bad("model_type", "\"" + type + "\" is not supported (mllama or llama)");
        };
    }

    public boolean isVision() {
        return vision != null;
    }
}
