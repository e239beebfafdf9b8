package dev.tessera.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.kernels.Bf16;
import dev.tessera.engine.safetensors.ProgressListener;
import dev.tessera.engine.safetensors.SafeTensorsWriter;
import dev.tessera.engine.tensor.BlockQuantizer;
import dev.tessera.engine.tensor.DType;
import dev.tessera.engine.tensor.Quantization;
import dev.tessera.engine.testing.Fixtures;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports a tiny random llama checkpoint (rows a multiple of 32, the real Llama 3 tokenizer) and reads it back. */
class LlamaGgufExportTest {
    static final int D = 64, HEADS = 4, KV_HEADS = 2, HD = 16, MLP = 96, LAYERS = 2, VOCAB = 128256;

    @TempDir
    static Path dir;
    static Path model;
    static final Random RANDOM = new Random(7);
    static final java.util.Map<String, float[]> WEIGHTS = new java.util.HashMap<>();

    @BeforeAll
    static void writeModel() throws IOException {
        model = dir.resolve("tiny-llama");
        Files.createDirectories(model);
        SafeTensorsWriter w = new SafeTensorsWriter();
        add(w, "model.embed_tokens.weight", VOCAB, D);
        for (int i = 0; i < LAYERS; i++) {
            String l = "model.layers." + i + ".";
            add(w, l + "self_attn.q_proj.weight", HEADS * HD, D);
            add(w, l + "self_attn.k_proj.weight", KV_HEADS * HD, D);
            add(w, l + "self_attn.v_proj.weight", KV_HEADS * HD, D);
            add(w, l + "self_attn.o_proj.weight", D, HEADS * HD);
            add(w, l + "mlp.gate_proj.weight", MLP, D);
            add(w, l + "mlp.up_proj.weight", MLP, D);
            add(w, l + "mlp.down_proj.weight", D, MLP);
            add(w, l + "input_layernorm.weight", D);
            add(w, l + "post_attention_layernorm.weight", D);
        }
        add(w, "model.norm.weight", D);
        add(w, "lm_head.weight", VOCAB, D);
        w.write(model.resolve("model.safetensors"));
        Files.writeString(model.resolve("config.json"), """
                {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "bos_token_id": 128000,
                 "eos_token_id": [128001, 128008, 128009], "hidden_size": %d, "intermediate_size": %d,
                 "num_attention_heads": %d, "num_key_value_heads": %d, "head_dim": %d, "num_hidden_layers": %d,
                 "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "max_position_embeddings": 131072,
                 "rope_scaling": {"factor": 8.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                                  "original_max_position_embeddings": 8192, "rope_type": "llama3"},
                 "tie_word_embeddings": false, "vocab_size": %d, "torch_dtype": "bfloat16"}
                """.formatted(D, MLP, HEADS, KV_HEADS, HD, LAYERS, VOCAB));
        for (String f : List.of("tokenizer.json", "tokenizer_config.json")) {
            Files.copy(Fixtures.tinyMllama().resolve(f), model.resolve(f));
        }
    }

    /** Random weights rounded to bf16, kept as floats for the expected values. */
    private static void add(SafeTensorsWriter w, String name, long... shape) {
        int n = (int) (shape.length == 1 ? shape[0] : shape[0] * shape[1]);
        float[] v = new float[n];
        ByteBuffer b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            short s = Bf16.fromFloat((float) RANDOM.nextGaussian() * 0.05f);
            v[i] = Bf16.toFloat(s);
            b.putShort(s);
        }
        WEIGHTS.put(name, v);
        w.add(name, DType.BF16, shape, b.array());
    }

    private static GgufReader export(Quantization q) throws IOException {
        Path out = dir.resolve("tiny-" + q.id() + ".gguf");
        LlamaGgufExport.export(model, q, out, ProgressListener.NONE);
        return new GgufReader(out);
    }

    @Test
    void headerKeysAndTensorInfosAreLlamaCppsLayout() throws IOException {
        try (GgufReader r = export(Quantization.Q8_0)) {
            assertEquals(0x46554747, r.magic);
            assertEquals(3, r.version);
            assertEquals("llama", r.kv.get("general.architecture"));
            assertEquals((long) LAYERS, r.kv.get("llama.block_count"));
            assertEquals((long) D, r.kv.get("llama.embedding_length"));
            assertEquals((long) MLP, r.kv.get("llama.feed_forward_length"));
            assertEquals((long) HEADS, r.kv.get("llama.attention.head_count"));
            assertEquals((long) KV_HEADS, r.kv.get("llama.attention.head_count_kv"));
            assertEquals((long) HD, r.kv.get("llama.rope.dimension_count"));
            assertEquals(500000f, r.kv.get("llama.rope.freq_base"));
            assertEquals(1e-5f, r.kv.get("llama.attention.layer_norm_rms_epsilon"));
            assertEquals(7L, r.kv.get("general.file_type")); // LLAMA_FTYPE_MOSTLY_Q8_0
            assertEquals("gpt2", r.kv.get("tokenizer.ggml.model"));
            assertEquals("llama-bpe", r.kv.get("tokenizer.ggml.pre"));
            List<?> tokens = (List<?>) r.kv.get("tokenizer.ggml.tokens");
            List<?> types = (List<?>) r.kv.get("tokenizer.ggml.token_type");
            assertEquals(VOCAB, tokens.size());
            assertEquals(VOCAB, types.size());
            assertEquals("<|begin_of_text|>", tokens.get(128000));
            assertEquals("Ġthe", tokens.get(279));
            assertEquals(3L, types.get(128000)); // control
            assertEquals(1L, types.get(279)); // normal
            var tj = JsonMapper.builder().build().readTree(model.resolve("tokenizer.json").toFile());
            List<?> merges = (List<?>) r.kv.get("tokenizer.ggml.merges");
            assertEquals(tj.path("model").path("merges").size(), merges.size());
            assertEquals("Ġ Ġ", merges.get(0));
            assertEquals(128000L, r.kv.get("tokenizer.ggml.bos_token_id"));
            assertEquals(128009L, r.kv.get("tokenizer.ggml.eos_token_id")); // tokenizer_config's <|eot_id|>

            assertEquals(2 + 9 * LAYERS + 2, r.tensors.size());
            GgufReader.Info q = r.tensors.get("blk.1.attn_q.weight");
            assertArrayEquals(new long[] {D, HEADS * HD}, q.dims());
            assertEquals(8, q.type()); // GGML_TYPE_Q8_0
            assertArrayEquals(new long[] {D, VOCAB}, r.tensors.get("output.weight").dims());
            assertArrayEquals(new long[] {D, VOCAB}, r.tensors.get("token_embd.weight").dims());
            assertEquals(0, r.tensors.get("blk.0.ffn_norm.weight").type()); // F32
            assertArrayEquals(new long[] {HD / 2}, r.tensors.get("rope_freqs.weight").dims());

            assertEquals(0, r.dataStart % 32);
            long end = 0;
            for (GgufReader.Info t : r.tensors.values()) {
                assertEquals(0, t.offset() % 32, t.name() + " offset");
                assertTrue(t.offset() >= end, t.name() + " overlaps the previous tensor");
                end = t.offset() + GgmlType.byId(t.type()).rowBytes(t.dims()[0]) * (t.dims().length > 1 ? t.dims()[1] : 1);
            }
            assertEquals(r.dataStart + end, r.file.byteSize());
        }
    }

    @Test
    void q8AndQ4BlocksAreBlockQuantizersAndQueryRowsAreInterleavedPerHead() throws IOException {
        for (Quantization quant : List.of(Quantization.Q8_0, Quantization.Q4_0)) {
            try (GgufReader r = export(quant)) {
                assertBlocks(r, quant, "blk.0.ffn_down.weight", "model.layers.0.mlp.down_proj.weight", D, MLP, 0);
                assertBlocks(r, quant, "blk.1.attn_q.weight", "model.layers.1.self_attn.q_proj.weight", HEADS * HD, D, HEADS);
                assertBlocks(r, quant, "blk.1.attn_k.weight", "model.layers.1.self_attn.k_proj.weight", KV_HEADS * HD, D, KV_HEADS);
            }
        }
    }

    @Test
    void bf16CopiesTheCheckpointsBitsAndNormsStayF32() throws IOException {
        try (GgufReader r = export(Quantization.BF16)) {
            assertEquals(32L, r.kv.get("general.file_type"));
            assertEquals(30, r.tensors.get("blk.0.attn_k.weight").type());
            float[] k = WEIGHTS.get("model.layers.0.self_attn.k_proj.weight");
            MemorySegment got = r.data("blk.0.attn_k.weight", 2L * k.length);
            int[] order = converterPermutation(KV_HEADS * HD, KV_HEADS);
            for (int row = 0; row < KV_HEADS * HD; row++) {
                for (int c = 0; c < D; c++) {
                    short bits = got.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 2L * (row * D + c));
                    assertEquals(k[order[row] * D + c], Bf16.toFloat(bits), "row " + row + " col " + c);
                }
            }
            float[] norm = WEIGHTS.get("model.norm.weight");
            MemorySegment n = r.data("output_norm.weight", 4L * D);
            for (int i = 0; i < D; i++) {
                assertEquals(norm[i], n.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4L * i));
            }
        }
    }

    @Test
    void refusesAVisionCheckpointWithOneLine() {
        var e = assertThrows(BadInputException.class, () -> LlamaGgufExport.export(Fixtures.tinyMllama(),
                Quantization.Q8_0, dir.resolve("no.gguf"), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("mllama"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("no.gguf")));
    }

    /** Expected bytes: BlockQuantizer on checkpoint row order[r], row by row (heads == 0: no reordering). */
    private static void assertBlocks(GgufReader r, Quantization q, String gguf, String hf, int rows, int cols, int heads) {
        float[] w = WEIGHTS.get(hf);
        long rowBytes = q.rowBytes(cols);
        MemorySegment expected = MemorySegment.ofArray(new byte[(int) (rowBytes * rows)]);
        int[] order = heads == 0 ? identity(rows) : converterPermutation(rows, heads);
        for (int row = 0; row < rows; row++) BlockQuantizer.quantizeRow(q, w, order[row] * cols, cols, expected, row * rowBytes);
        assertEquals(-1, r.data(gguf, rowBytes * rows).mismatch(expected), gguf + " " + q.id());
    }

    private static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        return o;
    }

    /** convert_hf_to_gguf.py's permute: w.reshape(heads, 2, rows/heads/2, cols).swapaxes(1, 2).reshape(rows, cols). */
    private static int[] converterPermutation(int rows, int heads) {
        int half = rows / heads / 2;
        int[] o = new int[rows];
        int next = 0;
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                for (int two = 0; two < 2; two++) o[next++] = (h * 2 + two) * half + i;
            }
        }
        return o;
    }
}
