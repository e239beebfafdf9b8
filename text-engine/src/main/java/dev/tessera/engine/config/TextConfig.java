package dev.tessera.engine.config;

import java.util.Arrays;

/**
 * The Llama decoder's hyper-parameters ({@code text_config} of an mllama config, or a plain llama config).
 *
 * @param crossAttentionLayers decoder layer indices that are gated cross-attention layers (empty for llama)
 */
public record TextConfig(
        int hiddenSize,            // D
        int numHiddenLayers,       // self + cross layers, HF numbering
        int numAttentionHeads,
        int numKeyValueHeads,
        int headDim,
        int intermediateSize,      // MLP width
        double rmsNormEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        int vocabSize,             // lm_head rows
        int maxPositionEmbeddings,
        boolean tieWordEmbeddings,
        int[] crossAttentionLayers) {

    static TextConfig read(JsonFields t) {
        int hidden = t.positiveInt("hidden_size");
        int heads = t.positiveInt("num_attention_heads");
        int kvHeads = t.has("num_key_value_heads") ? t.positiveInt("num_key_value_heads") : heads;
        int headDim = t.has("head_dim") ? t.positiveInt("head_dim") : hidden / heads;
        if (heads % kvHeads != 0) {
            throw t.bad("num_key_value_heads", "(" + kvHeads + ") must divide num_attention_heads (" + heads + ")");
        }
        if (!t.has("head_dim") && hidden % heads != 0) {
            throw t.bad("hidden_size", "(" + hidden + ") is not a multiple of num_attention_heads (" + heads + ")");
        }
        int layers = t.positiveInt("num_hidden_layers");
        int[] cross = t.intList("cross_attention_layers", new int[0]);
        for (int c : cross) {
            if (c < 0 || c >= layers) throw t.bad("cross_attention_layers", "index " + c + " is outside 0.." + (layers - 1));
        }
        return new TextConfig(hidden, layers, heads, kvHeads, headDim, t.positiveInt("intermediate_size"),
                t.number("rms_norm_eps", 1e-5), t.number("rope_theta", 10000.0), RopeScaling.read(t),
                t.positiveInt("vocab_size"), t.integer("max_position_embeddings", 131072),
                t.bool("tie_word_embeddings", false), cross);
    }

    public boolean isCrossAttentionLayer(int layer) {
        return Arrays.stream(crossAttentionLayers).anyMatch(c -> c == layer);
    }

    public int kvDim() {
        return numKeyValueHeads * headDim;
    }

    public int qDim() {
        return numAttentionHeads * headDim;
    }
}
