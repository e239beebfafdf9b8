package dev.tessera.vision.model;

import dev.tessera.engine.config.VisionConfig;
import dev.tessera.engine.kernels.Attention;
import dev.tessera.engine.kernels.VectorMath;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.tensor.WeightMatrix;

/**
 * A vision transformer layer of the local ({@code transformer}) or the gated global ({@code global_transformer})
 * encoder:
 * <pre>
 *   x = x + tanh(gate_attn) * attn(LN(x))          local layers: gate factor 1
 *   x = x + tanh(gate_ffn)  * fc2(gelu(fc1(LN(x))))
 * </pre>
 */
final class VisionEncoderLayer {
    private final VisionConfig cfg;
    private final float[] inputLayernormW, inputLayernormB;                 // (Hv)
    private final WeightMatrix qProj, kProj, vProj, oProj;                  // (Hv, Hv), no biases
    private final float[] postAttentionLayernormW, postAttentionLayernormB; // (Hv)
    private final WeightMatrix fc1;                                          // (intermediate, Hv)
    private final float[] fc1Bias;                                           // (intermediate)
    private final WeightMatrix fc2;                                          // (Hv, intermediate)
    private final float[] fc2Bias;                                           // (Hv)
    private final float gateAttn, gateFfn;                                   // tanh(gate), or 1 for local layers

    VisionEncoderLayer(Checkpoint ckpt, String prefix, VisionConfig cfg, boolean gated) {
        this.cfg = cfg;
        int h = cfg.hiddenSize(), m = cfg.intermediateSize();
        inputLayernormW = ckpt.tensor(prefix + "input_layernorm.weight").expectShape(h).toFloatArray();
        inputLayernormB = ckpt.tensor(prefix + "input_layernorm.bias").expectShape(h).toFloatArray();
        qProj = ckpt.tensor(prefix + "self_attn.q_proj.weight").expectShape(h, h).asMatrix();
        kProj = ckpt.tensor(prefix + "self_attn.k_proj.weight").expectShape(h, h).asMatrix();
        vProj = ckpt.tensor(prefix + "self_attn.v_proj.weight").expectShape(h, h).asMatrix();
        oProj = ckpt.tensor(prefix + "self_attn.o_proj.weight").expectShape(h, h).asMatrix();
        postAttentionLayernormW = ckpt.tensor(prefix + "post_attention_layernorm.weight").expectShape(h).toFloatArray();
        postAttentionLayernormB = ckpt.tensor(prefix + "post_attention_layernorm.bias").expectShape(h).toFloatArray();
        fc1 = ckpt.tensor(prefix + "mlp.fc1.weight").expectShape(m, h).asMatrix();
        fc1Bias = ckpt.tensor(prefix + "mlp.fc1.bias").expectShape(m).toFloatArray();
        fc2 = ckpt.tensor(prefix + "mlp.fc2.weight").expectShape(h, m).asMatrix();
        fc2Bias = ckpt.tensor(prefix + "mlp.fc2.bias").expectShape(h).toFloatArray();
        gateAttn = gated ? (float) Math.tanh(ckpt.tensor(prefix + "gate_attn").scalar()) : 1f;
        gateFfn = gated ? (float) Math.tanh(ckpt.tensor(prefix + "gate_ffn").scalar()) : 1f;
    }

    /** x: (n, Hv) updated in place; masked marks the tokens whose pairs are blocked. */
    void forward(float[] x, int n, boolean[] masked) {
        int h = cfg.hiddenSize(), m = cfg.intermediateSize();
        float eps = (float) cfg.normEps();
        float[] xn = new float[n * h];
        VectorMath.layerNorm(x, xn, inputLayernormW, inputLayernormB, n, h, eps);
        float[] q = qProj.matMul(xn, n), k = kProj.matMul(xn, n), v = vProj.matMul(xn, n);
        float[] att = new float[n * h];
        Attention.maskedPairs(q, k, v, att, n, cfg.attentionHeads(), cfg.headDim(), masked);
        float[] o = oProj.matMul(att, n);
        addScaled(o, gateAttn, x, n * h);

        VectorMath.layerNorm(x, xn, postAttentionLayernormW, postAttentionLayernormB, n, h, eps);
        float[] hidden = fc1.matMul(xn, n);
        addBias(hidden, fc1Bias, n, m);
        VectorMath.gelu(hidden, n * m);
        float[] out = fc2.matMul(hidden, n);
        addBias(out, fc2Bias, n, h);
        addScaled(out, gateFfn, x, n * h);
    }

    static void addBias(float[] y, float[] bias, int n, int dim) {
        for (int t = 0; t < n; t++) VectorMath.axpy(1f, bias, 0, y, t * dim, dim);
    }

    /** x += gate * y (gate 1 for local layers adds y exactly, as the reference does). */
    private static void addScaled(float[] y, float gate, float[] x, int len) {
        if (gate == 1f) VectorMath.add(y, x, len);
        else VectorMath.axpy(gate, y, 0, x, 0, len);
    }
}
