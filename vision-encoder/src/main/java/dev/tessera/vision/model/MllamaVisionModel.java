package dev.tessera.vision.model;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.config.VisionConfig;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.kernels.VectorMath;
import dev.tessera.engine.safetensors.Checkpoint;

/**
 * The Llama 3.2 Vision image encoder (HF {@code MllamaVisionModel}), one image at a time:
 * <pre>
 *   pixels (tiles, 3, S, S)
 *   -> patch conv (one GEMM)  -> + tanh(pre.gate) * pre_tile[ar]          (tiles, (S/p)^2, Hv)
 *   -> prepend class_embedding -> + (1 - tanh(g)) * pos + tanh(g) * tile[ar]  (tiles, P, Hv)
 *   -> layernorm_pre -> zero-pad each tile to P8                          sequence (tiles * P8, Hv)
 *   -> local transformer (all tiles attend jointly, masked-pair bias), recording the states entering
 *      the layers in intermediate_layers_indices
 *   -> layernorm_post -> + tanh(post.gate) * post_tile[ar]
 *   -> gated global transformer
 *   -> drop padding; output [final | intermediates interleaved]            (tiles, P, Hv * (1 + K))
 * </pre>
 * All tiles handed in are encoded, also those the image does not use: they are in the sequence the real
 * tokens attend to (the reference hands max_num_tiles). Thread-safe: activations belong to each {@link #encode} call.
 */
public final class MllamaVisionModel {
    public static final String PREFIX = "vision_model.";

    private final VisionConfig cfg;
    private final int hidden, tiles, patches, paddedPatches;
    private final PatchEmbedding patchEmbedding;       // patch_embedding.weight (Hv, 3, p, p)
    private final float[] classEmbedding;              // (Hv)
    private final TilePositionalEmbeddings embeddings; // pre_tile / gated_positional / post_tile
    private final float[] layernormPreWeight, layernormPreBias;   // (Hv)
    private final VisionEncoderLayer[] transformer;               // transformer.layers.N (local)
    private final float[] layernormPostWeight, layernormPostBias; // (Hv)
    private final VisionEncoderLayer[] globalTransformer;         // global_transformer.layers.N (gated)
    private final int[] intermediateLayers;

    private MllamaVisionModel(Checkpoint ckpt, VisionConfig cfg) {
        this.cfg = cfg;
        hidden = cfg.hiddenSize();
        tiles = cfg.maxNumTiles();
        patches = cfg.patchesPerTile();
        paddedPatches = cfg.paddedPatchesPerTile();
        intermediateLayers = cfg.intermediateLayersIndices().clone();
        patchEmbedding = new PatchEmbedding(ckpt, PREFIX + "patch_embedding.weight", cfg);
        classEmbedding = ckpt.tensor(PREFIX + "class_embedding").expectShape(hidden).toFloatArray();
        embeddings = new TilePositionalEmbeddings(ckpt, PREFIX, cfg);
        layernormPreWeight = ckpt.tensor(PREFIX + "layernorm_pre.weight").expectShape(hidden).toFloatArray();
        layernormPreBias = ckpt.tensor(PREFIX + "layernorm_pre.bias").expectShape(hidden).toFloatArray();
        transformer = new VisionEncoderLayer[cfg.numHiddenLayers()];
        for (int l = 0; l < transformer.length; l++) {
            transformer[l] = new VisionEncoderLayer(ckpt, PREFIX + "transformer.layers." + l + ".", cfg, false);
        }
        layernormPostWeight = ckpt.tensor(PREFIX + "layernorm_post.weight").expectShape(hidden).toFloatArray();
        layernormPostBias = ckpt.tensor(PREFIX + "layernorm_post.bias").expectShape(hidden).toFloatArray();
        globalTransformer = new VisionEncoderLayer[cfg.numGlobalLayers()];
        for (int l = 0; l < globalTransformer.length; l++) {
            globalTransformer[l] = new VisionEncoderLayer(ckpt, PREFIX + "global_transformer.layers." + l + ".", cfg, true);
        }
    }

    /** Loads {@code vision_model.*}; large weights stay memory-mapped in the checkpoint (keep it open). */
    public static MllamaVisionModel load(Checkpoint ckpt, VisionConfig cfg) {
        return new MllamaVisionModel(ckpt, cfg);
    }

    public VisionConfig config() {
        return cfg;
    }

    /** The attention mask {@link #encode} uses for an image with {@code numTiles} tiles. */
    public VisionAttentionMask attentionMask(int numTiles) {
        return VisionAttentionMask.of(tiles, patches, paddedPatches, numTiles);
    }

    public VisionOutput encode(float[] pixelValues, int aspectRatioId, int numTiles) {
        return encode(pixelValues, aspectRatioId, numTiles, VisionObserver.NONE, Cancellation.NEVER);
    }

    public VisionOutput encode(float[] pixelValues, int aspectRatioId, int numTiles, VisionObserver observer) {
        return encode(pixelValues, aspectRatioId, numTiles, observer, Cancellation.NEVER);
    }

    /**
     * @param pixelValues   (T, 3, S, S) as the image processor makes them (unused tiles zero). T = max_num_tiles
     *                      gives the reference result; a processor limited to fewer tiles ({@code --max-tiles})
     *                      hands fewer, and only those are encoded, which makes a 1-tile image 4x+ cheaper.
     * @param aspectRatioId 1 .. number of supported aspect ratios
     * @param numTiles      tiles the image uses (aspect_ratio_mask = 1), rows * cols of its aspect ratio
     * @param cancel        checked between layers (a 4-tile encode of the real model takes tens of seconds)
     */
    public VisionOutput encode(float[] pixelValues, int aspectRatioId, int numTiles, VisionObserver observer,
            Cancellation cancel) {
        int tiles = checkInputs(pixelValues, aspectRatioId, numTiles);
        int n = tiles * paddedPatches, d = hidden;

        // Embeddings, then layernorm_pre, into the zero-padded sequence.
        int perTile = patchEmbedding.patchesPerTile();
        float[] patchEmbeds = patchEmbedding.forward(pixelValues, tiles);
        embeddings.addPreTile(patchEmbeds, aspectRatioId, perTile, tiles);
        float[] x = new float[n * d];
        for (int t = 0; t < tiles; t++) {
            System.arraycopy(classEmbedding, 0, x, t * paddedPatches * d, d);
            System.arraycopy(patchEmbeds, t * perTile * d, x, (t * paddedPatches + 1) * d, perTile * d);
        }
        embeddings.addPositional(x, aspectRatioId, paddedPatches, tiles);
        Parallel.forRange(n, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                if (r % paddedPatches < patches) {
                    VectorMath.layerNormRow(x, r * d, x, r * d, layernormPreWeight, layernormPreBias, d, 1e-5f);
                }
            }
        });
        observer.hiddenStates(VisionObserver.Point.AFTER_LN_PRE, 0, x, n);

        VisionAttentionMask mask = VisionAttentionMask.of(tiles, patches, paddedPatches, numTiles);
        VisionEncoderLayer.Activations activations = new VisionEncoderLayer.Activations(n, cfg);
        int outDim = cfg.visionOutputDim();
        float[] features = new float[tiles * patches * outDim];
        for (int l = 0; l < transformer.length; l++) {
            observer.hiddenStates(VisionObserver.Point.LOCAL_LAYER_INPUT, l, x, n);
            for (int k = 0; k < intermediateLayers.length; k++) {
                if (intermediateLayers[k] == l) collectIntermediate(x, tiles, k, features);
            }
            cancel.throwIfCancelled();
            transformer[l].forward(x, n, mask, activations);
        }
        observer.hiddenStates(VisionObserver.Point.LOCAL_OUTPUT, transformer.length, x, n);

        VectorMath.layerNorm(x, x, layernormPostWeight, layernormPostBias, n, d, 1e-5f);
        embeddings.addPostTile(x, aspectRatioId, paddedPatches, tiles);
        for (int l = 0; l < globalTransformer.length; l++) {
            observer.hiddenStates(VisionObserver.Point.GLOBAL_LAYER_INPUT, l, x, n);
            cancel.throwIfCancelled();
            globalTransformer[l].forward(x, n, mask, activations);
        }
        observer.hiddenStates(VisionObserver.Point.GLOBAL_OUTPUT, globalTransformer.length, x, n);

        for (int t = 0; t < tiles; t++) {
            for (int p = 0; p < patches; p++) {
                System.arraycopy(x, (t * paddedPatches + p) * d, features, (t * patches + p) * outDim, d);
            }
        }
        return new VisionOutput(features, tiles, patches, outDim);
    }

    /** features[t][p][Hv + h*K + k] = x[t*P8 + p][h]: intermediate k, interleaved after the final state. */
    private void collectIntermediate(float[] x, int tiles, int k, float[] features) {
        int d = hidden, kCount = intermediateLayers.length, outDim = cfg.visionOutputDim();
        Parallel.forRange(tiles * patches, 64, (from, to) -> {
            for (int r = from; r < to; r++) {
                int t = r / patches, p = r % patches;
                int src = (t * paddedPatches + p) * d, dst = r * outDim + d + k;
                for (int h = 0; h < d; h++) features[dst + h * kCount] = x[src + h];
            }
        });
    }

    /** Validates the inputs and returns the number of tiles in pixelValues. */
    private int checkInputs(float[] pixelValues, int aspectRatioId, int numTiles) {
        long tile = (long) cfg.numChannels() * cfg.imageSize() * cfg.imageSize();
        long count = pixelValues.length / tile;
        if (count < 1 || count > tiles || count * tile != pixelValues.length) {
            throw new BadInputException("pixel values: " + pixelValues.length + " floats, expected 1.." + tiles + " tiles of "
                    + cfg.numChannels() + " x " + cfg.imageSize() + " x " + cfg.imageSize() + " = " + tile);
        }
        embeddings.checkId(aspectRatioId);
        int[] ratio = cfg.supportedAspectRatios()[aspectRatioId - 1];
        if (numTiles != ratio[0] * ratio[1]) {
            throw new BadInputException("num_tiles " + numTiles + " does not match aspect_ratio_id " + aspectRatioId
                    + " (" + ratio[0] + " x " + ratio[1] + " tiles)");
        }
        if (numTiles > count) {
            throw new BadInputException("num_tiles " + numTiles + " is more than the " + count + " tiles of pixel values");
        }
        return (int) count;
    }

    /** Multiply-adds x 2 of one encode: patch GEMM plus all local and global layers at tiles * P8 tokens. */
    public long flops() {
        int n = tiles * paddedPatches, perTile = patchEmbedding.patchesPerTile();
        long f = 2L * tiles * perTile * cfg.numChannels() * cfg.patchSize() * cfg.patchSize() * hidden;
        for (VisionEncoderLayer l : transformer) f += l.flops(n);
        for (VisionEncoderLayer l : globalTransformer) f += l.flops(n);
        return f;
    }
}
