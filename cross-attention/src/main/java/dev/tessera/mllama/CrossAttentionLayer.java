package dev.tessera.mllama;

import dev.tessera.engine.config.TextConfig;
import dev.tessera.engine.kernels.Attention;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.kernels.VectorMath;
import dev.tessera.engine.llama.DecoderLayer;
import dev.tessera.engine.llama.Mlp;
import dev.tessera.engine.llama.Sequence;
import dev.tessera.engine.llama.Workspace;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.tensor.WeightMatrix;

/**
 * A gated cross-attention decoder layer (it replaces a self-attention layer at the indices of
 * {@code cross_attention_layers}):
 * <pre>
 *   h   = x + tanh(cross_attn_attn_gate) * row_mask * o_proj(attn(q_norm(q_proj(RMSNorm(x))), K_img, V_img))
 *   out = h + tanh(cross_attn_mlp_gate)  * row_mask * mlp(RMSNorm(h))
 * </pre>
 * K_img = k_norm(k_proj(image states)), V_img = v_proj(image states); no RoPE. A row that sees no image
 * (row_mask = 0) gets nothing from either branch: Meta's reference rule (fixture README rule 20), which
 * transformers 4.46 applies to the MLP branch only.
 */
public final class CrossAttentionLayer implements DecoderLayer {
    private final int layer;
    private final TextConfig cfg;
    private final float[] inputLayernorm;         // (D)
    private final WeightMatrix qProj;             // (heads*headDim, D)
    private final WeightMatrix kProj, vProj;      // (kvHeads*headDim, D)
    private final WeightMatrix oProj;             // (D, heads*headDim)
    private final float[] qNorm, kNorm;           // (headDim)
    private final float attnGate, mlpGate;        // tanh of cross_attn_attn_gate / cross_attn_mlp_gate
    private final float[] postAttentionLayernorm; // (D)
    private final Mlp mlp;

    public CrossAttentionLayer(Checkpoint ckpt, String prefix, int layer, TextConfig cfg) {
        this.layer = layer;
        this.cfg = cfg;
        int d = cfg.hiddenSize(), hd = cfg.headDim();
        inputLayernorm = ckpt.tensor(prefix + "input_layernorm.weight").expectShape(d).toFloatArray();
        qProj = ckpt.tensor(prefix + "cross_attn.q_proj.weight").expectShape(cfg.qDim(), d).asMatrix();
        kProj = ckpt.tensor(prefix + "cross_attn.k_proj.weight").expectShape(cfg.kvDim(), d).asMatrix();
        vProj = ckpt.tensor(prefix + "cross_attn.v_proj.weight").expectShape(cfg.kvDim(), d).asMatrix();
        oProj = ckpt.tensor(prefix + "cross_attn.o_proj.weight").expectShape(d, cfg.qDim()).asMatrix();
        qNorm = ckpt.tensor(prefix + "cross_attn.q_norm.weight").expectShape(hd).toFloatArray();
        kNorm = ckpt.tensor(prefix + "cross_attn.k_norm.weight").expectShape(hd).toFloatArray();
        attnGate = (float) Math.tanh(ckpt.tensor(prefix + "cross_attn_attn_gate").scalar());
        mlpGate = (float) Math.tanh(ckpt.tensor(prefix + "cross_attn_mlp_gate").scalar());
        postAttentionLayernorm = ckpt.tensor(prefix + "post_attention_layernorm.weight").expectShape(d).toFloatArray();
        mlp = new Mlp(ckpt, prefix + "mlp.");
    }

    @Override
    public void forward(float[] x, int n, Sequence seq) {
        if (!(seq instanceof VisionSequence vs) || vs.images().isEmpty()) return; // text only: rule 21
        int d = cfg.hiddenSize(), pos0 = seq.length();
        Workspace ws = seq.workspace();
        float[] rowMask = ws.get(Workspace.Slot.ROW_MASK, n);
        boolean any = false;
        for (int t = 0; t < n; t++) {
            rowMask[t] = vs.mask().rowSeesImage(pos0 + t) ? 1f : 0f;
            any |= rowMask[t] != 0;
        }
        if (!any) return; // every row passes through unchanged

        float eps = (float) cfg.rmsNormEps();
        float[] xb = ws.get(Workspace.Slot.NORMED, n * d);
        VectorMath.rmsNorm(x, xb, inputLayernorm, n, d, eps);
        float[] attn = attention(xb, n, vs, rowMask, ws);
        float[] o = ws.get(Workspace.Slot.OUT, n * d);
        oProj.matMul(attn, n, o);
        for (int t = 0; t < n; t++) VectorMath.axpy(attnGate * rowMask[t], o, t * d, x, t * d, d);

        VectorMath.rmsNorm(x, xb, postAttentionLayernorm, n, d, eps);
        mlp.forward(xb, n, o, ws);
        for (int t = 0; t < n; t++) VectorMath.axpy(mlpGate * rowMask[t], o, t * d, x, t * d, d);
    }

    /** Attention of the n queries over the real tiles of the images each token sees; zero for masked rows. */
    private float[] attention(float[] xb, int n, VisionSequence vs, float[] rowMask, Workspace ws) {
        int heads = cfg.numAttentionHeads(), hd = cfg.headDim(), qDim = cfg.qDim(), kvDim = cfg.kvDim();
        int group = heads / cfg.numKeyValueHeads(), pos0 = vs.length();
        float eps = (float) cfg.rmsNormEps();
        float[] q = ws.get(Workspace.Slot.Q, n * qDim);
        qProj.matMul(xb, n, q);
        for (int t = 0; t < n; t++) {
            for (int h = 0; h < heads; h++) VectorMath.rmsNormRow(q, t * qDim + h * hd, q, t * qDim + h * hd, qNorm, hd, eps);
        }
        var images = vs.images();
        EncodedImage.ImageKV[] kv = new EncodedImage.ImageKV[images.size()];
        for (int m = 0; m < kv.length; m++) {
            EncodedImage img = images.get(m);
            kv[m] = img.kv(layer, () -> imageKeysValues(img.features()));
        }
        float[] out = ws.get(Workspace.Slot.ATTENTION, n * qDim);
        float scale = (float) (1.0 / Math.sqrt(hd));
        Parallel.forRange(n * heads, 1, (from, to) -> {
            for (int item = from; item < to; item++) {
                int t = item / heads, h = item % heads;
                if (rowMask[t] == 0) { // the reused buffer: a masked row must still read as zero
                    java.util.Arrays.fill(out, t * qDim + h * hd, t * qDim + (h + 1) * hd, 0f);
                    continue;
                }
                int[] visible = vs.mask().visibleImages(pos0 + t);
                float[][] ks = new float[visible.length][], vals = new float[visible.length][];
                int[] counts = new int[visible.length];
                for (int i = 0; i < visible.length; i++) {
                    ImageFeatures f = images.get(visible[i]).features();
                    ks[i] = kv[visible[i]].keys();
                    vals[i] = kv[visible[i]].values();
                    counts[i] = f.numTiles() * f.patchesPerTile(); // unused tiles are masked out
                }
                Attention.attendBlocks(q, t * qDim + h * hd, ks, vals, counts, (h / group) * hd, kvDim, scale, hd,
                        out, t * qDim + h * hd);
            }
        });
        return out;
    }

    private EncodedImage.ImageKV imageKeysValues(ImageFeatures f) {
        int tokens = f.tokens(), hd = cfg.headDim(), kvDim = cfg.kvDim();
        float[] k = kProj.matMul(f.crossStates(), tokens);
        float[] v = vProj.matMul(f.crossStates(), tokens);
        float eps = (float) cfg.rmsNormEps();
        for (int t = 0; t < tokens; t++) {
            for (int h = 0; h < cfg.numKeyValueHeads(); h++) {
                VectorMath.rmsNormRow(k, t * kvDim + h * hd, k, t * kvDim + h * hd, kNorm, hd, eps);
            }
        }
        return new EncodedImage.ImageKV(k, v);
    }

    @Override
    public long weightBytes() {
        return qProj.storageBytes() + oProj.storageBytes() + mlp.weightBytes();
    }
}
