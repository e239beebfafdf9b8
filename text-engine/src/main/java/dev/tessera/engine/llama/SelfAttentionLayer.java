package dev.tessera.engine.llama;

import dev.tessera.engine.config.TextConfig;
import dev.tessera.engine.kernels.Attention;
import dev.tessera.engine.kernels.VectorMath;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.tensor.WeightMatrix;

/**
 * A Llama decoder layer: x + attn(RMSNorm(x)), then + mlp(RMSNorm(x)).
 * Field names follow the checkpoint ({@code layers.N.self_attn.q_proj.weight}, ...).
 */
public final class SelfAttentionLayer implements DecoderLayer {
    private final int layer;
    private final TextConfig cfg;
    private final Rope rope;
    private final float[] inputLayernorm;         // (D)
    private final WeightMatrix qProj;             // (heads*headDim, D)
    private final WeightMatrix kProj, vProj;      // (kvHeads*headDim, D)
    private final WeightMatrix oProj;             // (D, heads*headDim)
    private final float[] postAttentionLayernorm; // (D)
    private final Mlp mlp;

    public SelfAttentionLayer(Checkpoint ckpt, String prefix, int layer, TextConfig cfg, Rope rope) {
        this.layer = layer;
        this.cfg = cfg;
        this.rope = rope;
        int d = cfg.hiddenSize();
        inputLayernorm = ckpt.tensor(prefix + "input_layernorm.weight").expectShape(d).toFloatArray();
        qProj = ckpt.tensor(prefix + "self_attn.q_proj.weight").expectShape(cfg.qDim(), d).asMatrix();
        kProj = ckpt.tensor(prefix + "self_attn.k_proj.weight").expectShape(cfg.kvDim(), d).asMatrix();
        vProj = ckpt.tensor(prefix + "self_attn.v_proj.weight").expectShape(cfg.kvDim(), d).asMatrix();
        oProj = ckpt.tensor(prefix + "self_attn.o_proj.weight").expectShape(d, cfg.qDim()).asMatrix();
        postAttentionLayernorm = ckpt.tensor(prefix + "post_attention_layernorm.weight").expectShape(d).toFloatArray();
        mlp = new Mlp(ckpt, prefix + "mlp.");
    }

    @Override
    public void forward(float[] x, int n, Sequence seq) {
        int d = cfg.hiddenSize(), qDim = cfg.qDim(), kvDim = cfg.kvDim(), pos0 = seq.length();
        float eps = (float) cfg.rmsNormEps();
        Workspace ws = seq.workspace();
        float[] xb = ws.get(Workspace.Slot.NORMED, n * d);
        VectorMath.rmsNorm(x, xb, inputLayernorm, n, d, eps);

        float[] q = ws.get(Workspace.Slot.Q, n * qDim), k = ws.get(Workspace.Slot.K, n * kvDim);
        float[] v = ws.get(Workspace.Slot.V, n * kvDim);
        qProj.matMul(xb, n, q);
        kProj.matMul(xb, n, k);
        vProj.matMul(xb, n, v);
        for (int t = 0; t < n; t++) {
            rope.apply(q, t * qDim, cfg.numAttentionHeads(), pos0 + t);
            rope.apply(k, t * kvDim, cfg.numKeyValueHeads(), pos0 + t);
        }
        KVCache cache = seq.cache();
        System.arraycopy(k, 0, cache.keys(layer), pos0 * kvDim, n * kvDim);
        System.arraycopy(v, 0, cache.values(layer), pos0 * kvDim, n * kvDim);

        float[] att = ws.get(Workspace.Slot.ATTENTION, n * qDim);
        Attention.causal(q, cache.keys(layer), cache.values(layer), att, n, pos0, cfg.numAttentionHeads(),
                cfg.numKeyValueHeads(), cfg.headDim());
        float[] o = ws.get(Workspace.Slot.OUT, n * d);
        oProj.matMul(att, n, o);
        VectorMath.add(o, x, n * d);

        VectorMath.rmsNorm(x, xb, postAttentionLayernorm, n, d, eps);
        mlp.forward(xb, n, o, ws);
        VectorMath.add(o, x, n * d);
    }

    @Override
    public long weightBytes() {
        return qProj.storageBytes() + kProj.storageBytes() + vProj.storageBytes() + oProj.storageBytes()
                + mlp.weightBytes();
    }
}
