package dev.tessera.engine.llama;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.config.TextConfig;
import dev.tessera.engine.kernels.VectorMath;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.TensorView;
import dev.tessera.engine.tensor.WeightMatrix;

/**
 * The Llama 3.1 decoder: embed -> layers (self-attention, or gated cross-attention at the configured indices)
 * -> final RMSNorm -> lm_head. Reads like the architecture figure; all the arithmetic lives in the layers
 * and the kernels.
 */
public final class LlamaModel {
    private final TextConfig cfg;
    private final TensorView embedTokens; // (vocab + extra rows, D), read a row at a time in place
    private final DecoderLayer[] layers;
    private final float[] norm;           // (D)
    private final WeightMatrix lmHead;    // (vocab, D)

    private LlamaModel(TextConfig cfg, TensorView embedTokens, DecoderLayer[] layers, float[] norm, WeightMatrix lmHead) {
        this.cfg = cfg;
        this.embedTokens = embedTokens;
        this.layers = layers;
        this.norm = norm;
        this.lmHead = lmHead;
    }

    /**
     * Loads the decoder from a checkpoint. Names are those of {@code MllamaForConditionalGeneration}
     * ({@code language_model.model.*}, {@code language_model.lm_head}) or {@code LlamaForCausalLM}
     * ({@code model.*}, {@code lm_head}).
     */
    public static LlamaModel load(Checkpoint ckpt, TextConfig cfg, CrossLayerFactory crossLayers) {
        boolean mllama = ckpt.has("language_model.model.embed_tokens.weight");
        String model = mllama ? "language_model.model." : "model.";
        String head = mllama ? "language_model.lm_head.weight" : "lm_head.weight";
        int d = cfg.hiddenSize();
        TensorView embed = ckpt.tensor(model + "embed_tokens.weight");
        long[] es = embed.shape();
        if (es.length != 2 || es[1] != d || es[0] < cfg.vocabSize()) {
            throw new BadInputException(embed.file().getFileName() + ": tensor " + embed.name() + " has shape "
                    + java.util.Arrays.toString(es) + ", but config.json implies [>= " + cfg.vocabSize() + ", " + d
                    + "] (vocab_size, hidden_size; config and weights disagree)");
        }
        Rope rope = new Rope(cfg);
        DecoderLayer[] layers = new DecoderLayer[cfg.numHiddenLayers()];
        for (int l = 0; l < layers.length; l++) {
            String prefix = model + "layers." + l + ".";
            layers[l] = cfg.isCrossAttentionLayer(l)
                    ? crossLayers.create(ckpt, prefix, l, cfg)
                    : new SelfAttentionLayer(ckpt, prefix, l, cfg, rope);
        }
        float[] norm = ckpt.tensor(model + "norm.weight").expectShape(d).toFloatArray();
        WeightMatrix lmHead = ckpt.has(head) || !cfg.tieWordEmbeddings()
                ? ckpt.tensor(head).expectShape(cfg.vocabSize(), d).asMatrix()
                : tiedHead(embed, cfg);
        return new LlamaModel(cfg, embed, layers, norm, lmHead);
    }

    private static WeightMatrix tiedHead(TensorView embed, TextConfig cfg) {
        WeightMatrix m = embed.asMatrix();
        if (m.rows() != cfg.vocabSize()) {
            throw new BadInputException("tied embeddings have " + m.rows() + " rows, vocab_size is " + cfg.vocabSize());
        }
        return m;
    }

    public TextConfig config() {
        return cfg;
    }

    public int vocabSize() {
        return cfg.vocabSize();
    }

    /** A new, empty conversation state with room for {@code capacity} tokens (it grows if needed). */
    public Sequence newSequence(int capacity) {
        return new Sequence(newCache(capacity));
    }

    public KVCache newCache(int capacity) {
        boolean[] self = new boolean[layers.length];
        for (int l = 0; l < layers.length; l++) self[l] = layers[l] instanceof SelfAttentionLayer;
        return new KVCache(layers.length, self, cfg.kvDim(), capacity);
    }

    /**
     * Logits (vocab) of the last of n tokens ids[off .. off+n), which join the sequence. The array is the
     * sequence's own buffer: valid until its next forward pass (copy it to keep it).
     */
    public float[] forward(Sequence seq, int[] ids, int off, int n) {
        return forward(seq, ids, off, n, null);
    }

    public float[] forward(Sequence seq, int[] ids, int off, int n, LayerObserver observer) {
        int d = cfg.hiddenSize();
        long rows = embedTokens.shape()[0];
        Workspace ws = seq.workspace();
        float[] x = ws.get(Workspace.Slot.HIDDEN, n * d);
        for (int t = 0; t < n; t++) {
            int id = ids[off + t];
            if (id < 0 || id >= rows) throw new BadInputException("token id " + id + " is outside the vocabulary (0.." + (rows - 1) + ")");
            embedTokens.copyTo((long) id * d, x, t * d, d);
        }
        seq.beginBatch(ids, off, n);
        for (int l = 0; l < layers.length; l++) {
            if (observer != null) observer.hiddenStates(l, x, n);
            layers[l].forward(x, n, seq);
        }
        if (observer != null) observer.hiddenStates(layers.length, x, n);
        seq.endBatch(n);

        float[] last = ws.get(Workspace.Slot.LAST, d);
        VectorMath.rmsNormRow(x, (n - 1) * d, last, 0, norm, d, (float) cfg.rmsNormEps());
        float[] logits = ws.get(Workspace.Slot.LOGITS, cfg.vocabSize());
        lmHead.matVec(last, 0, logits, 0);
        return logits;
    }

    /** Bytes of weights read per decoded token (all layers plus the lm_head): the bandwidth bound. */
    public long weightBytesPerToken() {
        long n = lmHead.storageBytes();
        for (DecoderLayer l : layers) n += l.weightBytes();
        return n;
    }

    /** Bytes of the lm_head (read once per decoded token, once per prompt). */
    public long headBytes() {
        return lmHead.storageBytes();
    }

    public int layerCount() {
        return layers.length;
    }
}
