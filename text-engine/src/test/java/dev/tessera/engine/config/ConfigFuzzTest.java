package dev.tessera.engine.config;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.engine.fuzz.FuzzContract;
import dev.tessera.engine.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@code config.json} and {@code generation_config.json}: a typed config or a BadInputException naming
 * the file. An accepted config must be one the model code can size itself from (positive dimensions that
 * divide as the attention layout needs), since everything downstream trusts it.
 */
class ConfigFuzzTest {
    @MethodSource("configs")
    @DictionaryEntries({"\"model_type\"", "\"mllama\"", "\"llama\"", "\"text_config\"", "\"vision_config\"",
            "\"hidden_size\"", "\"num_attention_heads\"", "\"num_key_value_heads\"", "\"head_dim\"",
            "\"cross_attention_layers\"", "\"rope_scaling\"", "\"rope_type\"", "\"llama3\"", "\"supported_aspect_ratios\"",
            "\"intermediate_layers_indices\"", "\"vision_output_dim\"", "null", "true", "2147483648", "-1", "1e999"})
    @FuzzTest(maxDuration = "10s")
    void modelConfig(byte[] bytes) {
        Path file = FuzzContract.write("config/config.json", bytes);
        ModelConfig c = FuzzContract.parse(() -> ModelConfig.load(file.getParent()));
        if (c == null) return;
        TextConfig t = c.text();
        if (t.hiddenSize() <= 0 || t.headDim() <= 0 || t.numAttentionHeads() % t.numKeyValueHeads() != 0
                || t.vocabSize() <= 0 || t.numHiddenLayers() <= 0) {
            throw new AssertionError("accepted an unusable text config: " + t);
        }
        for (int layer : t.crossAttentionLayers()) {
            if (layer < 0 || layer >= t.numHiddenLayers()) throw new AssertionError("cross layer " + layer);
        }
        if (c.isVision() && (c.vision().patchesPerTile() <= 1 || c.vision().headDim() <= 0)) {
            throw new AssertionError("accepted an unusable vision config: " + c.vision());
        }
    }

    static List<byte[]> configs() throws IOException {
        return List.of(Files.readAllBytes(Fixtures.tinyMllama().resolve("config.json")),
                ("{\"model_type\":\"llama\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_key_value_heads\":2,"
                        + "\"num_hidden_layers\":2,\"intermediate_size\":128,\"vocab_size\":300,\"head_dim\":16,"
                        + "\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":8.0,\"low_freq_factor\":1.0,"
                        + "\"high_freq_factor\":4.0,\"original_max_position_embeddings\":8192}}").getBytes());
    }

    @MethodSource("generationConfigs")
    @DictionaryEntries({"\"eos_token_id\"", "\"bos_token_id\"", "\"do_sample\"", "\"temperature\"", "\"top_p\"",
            "\"top_k\"", "[128001, 128008, 128009]", "null", "-1"})
    @FuzzTest(maxDuration = "10s")
    void generationConfig(byte[] bytes) {
        Path file = FuzzContract.write("generation/generation_config.json", bytes);
        FuzzContract.parse(() -> GenerationConfig.load(file.getParent(), new int[] {2}));
    }

    static List<byte[]> generationConfigs() throws IOException {
        return List.of(Files.readAllBytes(Fixtures.tinyMllama().resolve("generation_config.json")));
    }
}
