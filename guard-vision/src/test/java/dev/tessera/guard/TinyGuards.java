package dev.tessera.guard;

import dev.tessera.engine.chat.ChatTemplate;
import dev.tessera.engine.safetensors.CheckpointWriter;
import dev.tessera.engine.safetensors.ProgressListener;
import dev.tessera.engine.tensor.DType;
import dev.tessera.engine.testing.Fixtures;
import dev.tessera.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Shared test models: the tiny-guard fixture's tokenizer and template (loaded once), and a tiny text-only guard. */
final class TinyGuards {
    private static Tokenizer tokenizer;
    private static ChatTemplate template;

    private TinyGuards() {}

    static synchronized Tokenizer tokenizer() {
        if (tokenizer == null) tokenizer = Tokenizer.load(Fixtures.tinyGuard());
        return tokenizer;
    }

    static synchronized ChatTemplate template() {
        if (template == null) template = ChatTemplate.load(Fixtures.tinyGuard());
        return template;
    }

    static GuardPrompt.Builder builder() {
        return GuardPrompt.builder(template(), tokenizer());
    }

    /**
     * Writes a Llama-Guard-3-1B-shaped folder in miniature: a plain llama model (hidden 48, 2 layers, tied
     * embeddings, random f32 weights) with the tiny-guard tokenizer and Llama Guard 3 template.
     */
    static Path writeTextOnlyGuard(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String f : new String[] {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                    "chat_template.json", "generation_config.json"}) {
                Files.copy(Fixtures.tinyGuard().resolve(f), dir.resolve(f));
            }
            Files.writeString(dir.resolve("config.json"), """
                    {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 48,
                     "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
                     "num_key_value_heads": 2, "head_dim": 12, "rms_norm_eps": 1e-05, "rope_theta": 500000.0,
                     "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                                      "original_max_position_embeddings": 8192, "rope_type": "llama3"},
                     "max_position_embeddings": 131072, "vocab_size": 128256, "tie_word_embeddings": true,
                     "bos_token_id": 128000, "eos_token_id": [128001, 128008, 128009], "torch_dtype": "float32"}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int d = 48, q = 48, kv = 24, ff = 128;
        CheckpointWriter w = new CheckpointWriter();
        w.add("model.embed_tokens.weight", DType.F32, new long[] {128256, d}, random(1, 0.5f));
        for (int l = 0; l < 2; l++) {
            String p = "model.layers." + l + ".";
            w.add(p + "input_layernorm.weight", DType.F32, new long[] {d}, ones());
            w.add(p + "self_attn.q_proj.weight", DType.F32, new long[] {q, d}, random(10 + l, 0.15f));
            w.add(p + "self_attn.k_proj.weight", DType.F32, new long[] {kv, d}, random(20 + l, 0.15f));
            w.add(p + "self_attn.v_proj.weight", DType.F32, new long[] {kv, d}, random(30 + l, 0.15f));
            w.add(p + "self_attn.o_proj.weight", DType.F32, new long[] {d, q}, random(40 + l, 0.15f));
            w.add(p + "post_attention_layernorm.weight", DType.F32, new long[] {d}, ones());
            w.add(p + "mlp.gate_proj.weight", DType.F32, new long[] {ff, d}, random(50 + l, 0.15f));
            w.add(p + "mlp.up_proj.weight", DType.F32, new long[] {ff, d}, random(60 + l, 0.15f));
            w.add(p + "mlp.down_proj.weight", DType.F32, new long[] {d, ff}, random(70 + l, 0.1f));
        }
        w.add("model.norm.weight", DType.F32, new long[] {d}, ones());
        w.write(dir, ProgressListener.NONE);
        return dir;
    }

    private static dev.tessera.engine.safetensors.TensorSource ones() {
        return (off, dst) -> {
            for (long i = 0; i < dst.byteSize(); i += 4) dst.set(ValueLayout.JAVA_FLOAT_UNALIGNED, i, 1f);
        };
    }

    /** Uniform in [-halfWidth, halfWidth); pieces arrive in order, so one generator per tensor suffices. */
    private static dev.tessera.engine.safetensors.TensorSource random(long seed, float halfWidth) {
        Random r = new Random(seed);
        return (off, dst) -> {
            for (long i = 0; i < dst.byteSize(); i += 4) dst.set(ValueLayout.JAVA_FLOAT_UNALIGNED, i, (r.nextFloat() * 2 - 1) * halfWidth);
        };
    }
}
