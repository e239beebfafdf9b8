package dev.tessera.vision.model;

import dev.tessera.engine.config.VisionConfig;
import dev.tessera.engine.kernels.Gelu;
import dev.tessera.engine.kernels.TiledAttention;
import dev.tessera.engine.kernels.VectorMath;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.tensor.StackedMatrix;
import dev.tessera.engine.tensor.WeightMatrix;

/**
 * One vision transformer layer (HF {@code MllamaVisionEncoderLayer}), local or gated global:
 * <pre>
 *   x = x + gate_attn * o_proj(attention(LN1(x)))        gate = tanh(gate_attn) for global layers, 1 for local
 *   x = x + gate_ffn  * fc2(gelu(fc1(LN2(x))))            exact erf GELU, LayerNorm eps = norm_eps
 * </pre>
 * Attention: heads of Hv / heads, scale 1/sqrt(head_dim), no biases on q/k/v/o, the masked-pair bias of
 * {@link VisionAttentionMask}, all tiles of the image in one sequence.
 */
final class VisionEncoderLayer {
    private final int hidden, heads, headDim, intermediate;
    private final float eps;
    private final float[] inputLayernormWeight, inputLayernormBias;               // (Hv)
    private final WeightMatrix qkvProj;        // (3*Hv, Hv): self_attn.{q,k,v}_proj.weight stacked
    private final WeightMatrix oProj;          // (Hv, Hv)
    private final float[] postAttentionLayernormWeight, postAttentionLayernormBias; // (Hv)
    private final WeightMatrix fc1;            // (I, Hv)
    private final float[] fc1Bias;             // (I)
    private final WeightMatrix fc2;            // (Hv, I)
    private final float[] fc2Bias;             // (Hv)
    private final float gateAttn, gateFfn;     // tanh(gate_attn), tanh(gate_ffn); 1 for local layers

    VisionEncoderLayer(Checkpoint ckpt, String prefix, VisionConfig cfg, boolean gated) {
        hidden = cfg.hiddenSize();
        heads = cfg.attentionHeads();
        headDim = cfg.headDim();
        intermediate = cfg.intermediateSize();
        eps = (float) cfg.normEps();
        int d = hidden;
        inputLayernormWeight = ckpt.tensor(prefix + "input_layernorm.weight").expectShape(d).toFloatArray();
        inputLayernormBias = ckpt.tensor(prefix + "input_layernorm.bias").expectShape(d).toFloatArray();
        String attn = prefix + "self_attn.";
        qkvProj = new StackedMatrix(attn + "{q,k,v}_proj.weight",
                ckpt.tensor(attn + "q_proj.weight").expectShape(d, d).asMatrix(),
                ckpt.tensor(attn + "k_proj.weight").expectShape(d, d).asMatrix(),
                ckpt.tensor(attn + "v_proj.weight").expectShape(d, d).asMatrix());
        oProj = ckpt.tensor(attn + "o_proj.weight").expectShape(d, d).asMatrix();
        postAttentionLayernormWeight = ckpt.tensor(prefix + "post_attention_layernorm.weight").expectShape(d).toFloatArray();
        postAttentionLayernormBias = ckpt.tensor(prefix + "post_attention_layernorm.bias").expectShape(d).toFloatArray();
        fc1 = ckpt.tensor(prefix + "mlp.fc1.weight").expectShape(intermediate, d).asMatrix();
        fc1Bias = ckpt.tensor(prefix + "mlp.fc1.bias").expectShape(intermediate).toFloatArray();
        fc2 = ckpt.tensor(prefix + "mlp.fc2.weight").expectShape(d, intermediate).asMatrix();
        fc2Bias = ckpt.tensor(prefix + "mlp.fc2.bias").expectShape(d).toFloatArray();
        if (gated) {
            gateAttn = (float) Math.tanh(ckpt.tensor(prefix + "gate_attn").expectShape(1).scalar());
            gateFfn = (float) Math.tanh(ckpt.tensor(prefix + "gate_ffn").expectShape(1).scalar());
        } else {
            gateAttn = 1f;
            gateFfn = 1f;
        }
    }

    /** x (n, Hv) in place. */
    void forward(float[] x, int n, VisionAttentionMask mask, Activations a) {
        int d = hidden;
        VectorMath.layerNorm(x, a.normed, inputLayernormWeight, inputLayernormBias, n, d, eps);
        qkvProj.matMul(a.normed, n, a.qkv);
        TiledAttention.maskedPairs(a.qkv, 0, a.qkv, d, a.qkv, 2 * d, 3 * d, a.attention, n, heads, headDim,
                mask.marked(), a.attentionWorkspace);
        oProj.matMul(a.attention, n, a.normed);
        VectorMath.addGated(x, a.normed, null, gateAttn, n, d);

        VectorMath.layerNorm(x, a.normed, postAttentionLayernormWeight, postAttentionLayernormBias, n, d, eps);
        fc1.matMul(a.normed, n, a.mlp);
        Gelu.applyWithBias(a.mlp, fc1Bias, n, intermediate);
        fc2.matMul(a.mlp, n, a.normed);
        VectorMath.addGated(x, a.normed, fc2Bias, gateFfn, n, d);
    }

    /** Multiply-adds x 2 of one forward over n tokens: the linear layers plus QK^T and PV. */
    long flops(int n) {
        long linear = 2L * n * hidden * (4L * hidden + 2L * intermediate);
        long attention = 4L * n * n * hidden;
        return linear + attention;
    }

    /**
     * The activations of one encode, sized for n tokens and reused by every layer: the normed input, fused
     * q|k|v rows, the attention output, the MLP's hidden layer, and the attention kernel's packed K/V.
     */
    static final class Activations {
        final float[] normed, qkv, attention, mlp;
        final TiledAttention.Workspace attentionWorkspace = new TiledAttention.Workspace();

        Activations(int n, VisionConfig cfg) {
            int d = cfg.hiddenSize();
            normed = new float[n * d];
            qkv = new float[n * 3 * d];
            attention = new float[n * d];
            mlp = new float[n * cfg.intermediateSize()];
        }
    }
}
