package dev.tessera.engine.gguf;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.config.JsonFields;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.config.RopeScaling;
import dev.tessera.engine.config.TextConfig;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.ProgressListener;
import dev.tessera.engine.safetensors.TensorView;
import dev.tessera.engine.tensor.Quantization;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A Hugging Face llama checkpoint as a llama.cpp GGUF file ({@code general.architecture = llama}), with the keys,
 * tensor names and query/key row order of llama.cpp's {@code convert_hf_to_gguf.py}, so that llama.cpp runs the
 * same weights Tessera runs: the side-by-side benchmark (bench/peers) compares the two on one model. The large
 * matrices (and the embedding) take the requested type; norms and the rope factors stay F32, as the converter
 * keeps 1-D tensors. Matrices whose rows are not a multiple of 32 (tiny test models only) stay F32.
 */
public final class LlamaGgufExport {
    private LlamaGgufExport() {}

    public record Result(Path file, int tensors, long dataBytes) {}

    public static Result export(Path modelDir, Quantization quant, Path out, ProgressListener progress) {
        ModelConfig mc = ModelConfig.load(modelDir);
        if (mc.isVision()) {
            throw new BadInputException(modelDir + ": an mllama (vision) checkpoint; its decoder's cross-attention"
                    + " layers have no llama GGUF form: export a text-only llama model (e.g. make-random --preset 8b-text)");
        }
        TextConfig c = mc.text();
        GgmlType type = GgmlType.of(quant);
        GgufVocab vocab = GgufVocab.read(modelDir, c.vocabSize(), bosId(modelDir), mc.eosTokenIds());
        try (Checkpoint ckpt = Checkpoint.open(modelDir)) {
            List<GgufTensor> tensors = tensors(ckpt, c, type);
            GgufMetadata meta = metadata(modelDir, c, type, vocab);
            GgufWriter.write(out, meta, tensors, progress);
            long bytes = 0;
            for (GgufTensor t : tensors) bytes = GgufWriter.align(bytes) + t.byteSize();
            return new Result(out, tensors.size(), bytes);
        }
    }

    private static int bosId(Path dir) {
        return JsonFields.read(dir.resolve("config.json")).integer("bos_token_id", -1);
    }

    static GgufMetadata metadata(Path dir, TextConfig c, GgmlType type, GgufVocab v) {
        GgufMetadata m = new GgufMetadata()
                .putString("general.architecture", "llama")
                .putString("general.type", "model")
                .putString("general.name", String.valueOf(dir.toAbsolutePath().getFileName()))
                .putU32("general.alignment", GgufWriter.ALIGNMENT)
                .putU32("llama.block_count", c.numHiddenLayers())
                .putU32("llama.context_length", c.maxPositionEmbeddings())
                .putU32("llama.embedding_length", c.hiddenSize())
                .putU32("llama.feed_forward_length", c.intermediateSize())
                .putU32("llama.attention.head_count", c.numAttentionHeads())
                .putU32("llama.attention.head_count_kv", c.numKeyValueHeads())
                .putF32("llama.rope.freq_base", (float) c.ropeTheta())
                .putF32("llama.attention.layer_norm_rms_epsilon", (float) c.rmsNormEps())
                .putU32("llama.attention.key_length", c.headDim())
                .putU32("llama.attention.value_length", c.headDim())
                .putU32("general.file_type", type.fileType())
                .putU32("llama.vocab_size", c.vocabSize())
                .putU32("llama.rope.dimension_count", c.headDim());
        if (type != GgmlType.BF16) m.putU32("general.quantization_version", 2);
        m.putString("tokenizer.ggml.model", "gpt2")
                .putString("tokenizer.ggml.pre", "llama-bpe")
                .putStrings("tokenizer.ggml.tokens", v.tokens())
                .putI32s("tokenizer.ggml.token_type", v.types())
                .putStrings("tokenizer.ggml.merges", v.merges());
        if (v.bos() >= 0) m.putU32("tokenizer.ggml.bos_token_id", v.bos());
        if (v.eos() >= 0) m.putU32("tokenizer.ggml.eos_token_id", v.eos());
        m.putBool("tokenizer.ggml.add_bos_token", true);
        return m;
    }

    static List<GgufTensor> tensors(Checkpoint ck, TextConfig c, GgmlType type) {
        List<GgufTensor> out = new ArrayList<>();
        int d = c.hiddenSize(), q = c.qDim(), kv = c.kvDim(), mlp = c.intermediateSize(), hd = c.headDim();
        out.add(matrix(ck, "model.embed_tokens.weight", "token_embd.weight", c.vocabSize(), d, type, r -> r));
        if ("llama3".equals(c.ropeScaling().type())) out.add(ropeFactors(c));
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            String hf = "model.layers." + i + ".", g = "blk." + i + ".";
            out.add(vector(ck, hf + "input_layernorm.weight", g + "attn_norm.weight", d));
            out.add(matrix(ck, hf + "self_attn.q_proj.weight", g + "attn_q.weight", q, d, type, MatrixData.ropeInterleave(hd)));
            out.add(matrix(ck, hf + "self_attn.k_proj.weight", g + "attn_k.weight", kv, d, type, MatrixData.ropeInterleave(hd)));
            out.add(matrix(ck, hf + "self_attn.v_proj.weight", g + "attn_v.weight", kv, d, type, r -> r));
            out.add(matrix(ck, hf + "self_attn.o_proj.weight", g + "attn_output.weight", d, q, type, r -> r));
            out.add(vector(ck, hf + "post_attention_layernorm.weight", g + "ffn_norm.weight", d));
            out.add(matrix(ck, hf + "mlp.gate_proj.weight", g + "ffn_gate.weight", mlp, d, type, r -> r));
            out.add(matrix(ck, hf + "mlp.up_proj.weight", g + "ffn_up.weight", mlp, d, type, r -> r));
            out.add(matrix(ck, hf + "mlp.down_proj.weight", g + "ffn_down.weight", d, mlp, type, r -> r));
        }
        out.add(vector(ck, "model.norm.weight", "output_norm.weight", d));
        // A tied head (Llama 3.2 1B) has no output tensor: llama.cpp then reads token_embd, as Tessera does.
        if (!c.tieWordEmbeddings()) out.add(matrix(ck, "lm_head.weight", "output.weight", c.vocabSize(), d, type, r -> r));
        return out;
    }

    private static GgufTensor matrix(Checkpoint ck, String hf, String name, int rows, int cols, GgmlType type,
                                     IntUnaryOperator order) {
        TensorView t = ck.tensor(hf).expectShape(rows, cols);
        GgmlType use = cols % type.blockSize() == 0 ? type : GgmlType.F32;
        return new GgufTensor(name, new long[] {cols, rows}, use, new MatrixData(t, rows, cols, use, order));
    }

    private static GgufTensor vector(Checkpoint ck, String hf, String name, int n) {
        TensorView t = ck.tensor(hf).expectShape(n);
        return new GgufTensor(name, new long[] {n}, GgmlType.F32, new MatrixData(t, 1, n, GgmlType.F32, r -> r));
    }

    /** The converter's {@code rope_freqs} for llama3 rope scaling: one divisor per rotary frequency. */
    static GgufTensor ropeFactors(TextConfig c) {
        RopeScaling s = c.ropeScaling();
        int dim = c.headDim();
        float[] f = new float[dim / 2];
        double lowWave = s.originalMaxPositionEmbeddings() / s.lowFreqFactor();
        double highWave = s.originalMaxPositionEmbeddings() / s.highFreqFactor();
        for (int i = 0; i < f.length; i++) {
            float freq = (float) (1.0 / Math.pow(c.ropeTheta(), (float) (2 * i) / dim));
            double wave = 2 * Math.PI / freq;
            if (wave < highWave) f[i] = 1;
            else if (wave > lowWave) f[i] = (float) s.factor();
            else {
                double smooth = (s.originalMaxPositionEmbeddings() / wave - s.lowFreqFactor()) / (s.highFreqFactor() - s.lowFreqFactor());
                f[i] = (float) (1 / ((1 - smooth) / s.factor() + smooth));
            }
        }
        return new GgufTensor("rope_freqs.weight", new long[] {f.length}, GgmlType.F32, sink -> {
            MemorySegment seg = MemorySegment.ofArray(new byte[4 * f.length]);
            for (int i = 0; i < f.length; i++) {
                seg.set(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4L * i, f[i]);
            }
            sink.write(seg);
        });
    }
}
