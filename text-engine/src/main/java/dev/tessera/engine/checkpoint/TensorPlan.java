package dev.tessera.engine.checkpoint;

import dev.tessera.engine.checkpoint.ModelShape.TextShape;
import dev.tessera.engine.checkpoint.ModelShape.VisionShape;
import java.util.ArrayList;
import java.util.List;

/**
 * Every tensor of a model shape, with the Hugging Face names and [out, in] shapes of
 * ../shared/docs/spec/mllama-architecture.md section 3, in module order (vision tower, language model,
 * projector - the order {@code save_pretrained} shards in).
 *
 * <p>Value ranges keep a random model's activations in a transformer's usual range, so an engine run on
 * it neither overflows nor collapses: linear weights uniform(±0.5/sqrt(in)) (a quarter of the variance that
 * keeps activations' scale, so deep random stacks do not blow up), norm weights 1 ± 0.05, biases ±0.02,
 * gates 0.1 ± 0.05 (tanh(gate) ≈ 0.1, the image path on but not dominant), embeddings with standard
 * deviation 0.02 (transformers' {@code initializer_range}).
 */
final class TensorPlan {
    private static final float NORM_HALF = 0.05f, BIAS_HALF = 0.02f, GATE = 0.1f, GATE_HALF = 0.05f;
    /** Uniform(±a) has standard deviation a / sqrt(3). */
    private static final float EMBED_HALF = (float) (0.02 * Math.sqrt(3));

    private final List<PlannedTensor> out = new ArrayList<>();

    private TensorPlan() {}

    static List<PlannedTensor> of(ModelShape shape) {
        TensorPlan p = new TensorPlan();
        if (shape.isVision()) {
            p.vision(shape.vision());
            p.text(shape, "language_model.model.", "language_model.lm_head.weight");
            int d = shape.text().hiddenSize();
            p.linear("multi_modal_projector.weight", d, shape.vision().outputDim());
            p.uniform("multi_modal_projector.bias", 0, BIAS_HALF, d);
        } else {
            p.text(shape, "model.", "lm_head.weight");
        }
        return List.copyOf(p.out);
    }

    private void text(ModelShape shape, String prefix, String lmHead) {
        TextShape t = shape.text();
        int d = t.hiddenSize(), q = t.heads() * t.headDim(), kv = t.kvDim(), mlp = t.intermediateSize();
        uniform(prefix + "embed_tokens.weight", 0, EMBED_HALF, shape.embedRows(), d);
        for (int i = 0; i < t.layers(); i++) {
            String l = prefix + "layers." + i + ".";
            String attn = t.isCross(i) ? "cross_attn." : "self_attn.";
            linear(l + attn + "q_proj.weight", q, d);
            linear(l + attn + "k_proj.weight", kv, d);
            linear(l + attn + "v_proj.weight", kv, d);
            linear(l + attn + "o_proj.weight", d, q);
            if (t.isCross(i)) {
                uniform(l + "cross_attn.q_norm.weight", 1, NORM_HALF, t.headDim());
                uniform(l + "cross_attn.k_norm.weight", 1, NORM_HALF, t.headDim());
                uniform(l + "cross_attn_attn_gate", GATE, GATE_HALF, 1);
                uniform(l + "cross_attn_mlp_gate", GATE, GATE_HALF, 1);
            }
            linear(l + "mlp.gate_proj.weight", mlp, d);
            linear(l + "mlp.up_proj.weight", mlp, d);
            linear(l + "mlp.down_proj.weight", d, mlp);
            uniform(l + "input_layernorm.weight", 1, NORM_HALF, d);
            uniform(l + "post_attention_layernorm.weight", 1, NORM_HALF, d);
        }
        uniform(prefix + "norm.weight", 1, NORM_HALF, d);
        // Llama 3.2 1B ties lm_head to the embedding: its checkpoint has no lm_head tensor at all.
        if (!t.tiedEmbeddings()) linear(lmHead, t.vocabSize(), d);
    }

    private void vision(VisionShape v) {
        int h = v.hiddenSize(), p = v.patchSize(), patches = v.patchesPerTile(), rows = v.aspectRatioRows();
        String m = "vision_model.";
        linear(m + "patch_embedding.weight", new long[] {h, 3, p, p}, 3 * p * p);
        uniform(m + "class_embedding", 0, EMBED_HALF, h);
        uniform(m + "gated_positional_embedding.embedding", 0, EMBED_HALF, patches, h);
        uniform(m + "gated_positional_embedding.gate", GATE, GATE_HALF, 1);
        // Row k of the aspect-ratio tables belongs to aspect_ratio_id k; row 0 ("no image") is zero, as converted.
        long tileRow = (long) v.maxTiles() * patches * h;
        zeroFirstRow(m + "gated_positional_embedding.tile_embedding.weight", rows, tileRow);
        zeroFirstRow(m + "pre_tile_positional_embedding.embedding.weight", rows, (long) v.maxTiles() * h);
        uniform(m + "pre_tile_positional_embedding.gate", GATE, GATE_HALF, 1);
        zeroFirstRow(m + "post_tile_positional_embedding.embedding.weight", rows, (long) v.maxTiles() * h);
        uniform(m + "post_tile_positional_embedding.gate", GATE, GATE_HALF, 1);
        layerNorm(m + "layernorm_pre", h);
        layerNorm(m + "layernorm_post", h);
        for (int i = 0; i < v.layers(); i++) visionLayer(m + "transformer.layers." + i + ".", v, false);
        for (int i = 0; i < v.globalLayers(); i++) visionLayer(m + "global_transformer.layers." + i + ".", v, true);
    }

    private void visionLayer(String l, VisionShape v, boolean gated) {
        int h = v.hiddenSize(), mlp = v.intermediateSize();
        for (String proj : new String[] {"q", "k", "v", "o"}) linear(l + "self_attn." + proj + "_proj.weight", h, h);
        linear(l + "mlp.fc1.weight", mlp, h);
        uniform(l + "mlp.fc1.bias", 0, BIAS_HALF, mlp);
        linear(l + "mlp.fc2.weight", h, mlp);
        uniform(l + "mlp.fc2.bias", 0, BIAS_HALF, h);
        layerNorm(l + "input_layernorm", h);
        layerNorm(l + "post_attention_layernorm", h);
        if (gated) {
            uniform(l + "gate_attn", GATE, GATE_HALF, 1);
            uniform(l + "gate_ffn", GATE, GATE_HALF, 1);
        }
    }

    private void layerNorm(String name, int h) {
        uniform(name + ".weight", 1, NORM_HALF, h);
        uniform(name + ".bias", 0, BIAS_HALF, h);
    }

    private void linear(String name, int outFeatures, int inFeatures) {
        linear(name, new long[] {outFeatures, inFeatures}, inFeatures);
    }

    private void linear(String name, long[] shape, int inFeatures) {
        out.add(new PlannedTensor(name, shape, 0, (float) (0.5 / Math.sqrt(inFeatures)), 0));
    }

    private void zeroFirstRow(String name, int rows, long rowLength) {
        out.add(new PlannedTensor(name, new long[] {rows, rowLength}, 0, EMBED_HALF, rowLength));
    }

    private void uniform(String name, float center, float half, long... shape) {
        out.add(new PlannedTensor(name, shape, center, half, 0));
    }
}
