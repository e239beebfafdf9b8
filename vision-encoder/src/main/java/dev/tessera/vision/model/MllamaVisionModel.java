package dev.tessera.vision.model;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.config.VisionConfig;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.kernels.VectorMath;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.tensor.WeightMatrix;

/**
 * The Llama 3.2 Vision encoder (ViT-H/14 with gated global layers), names as in the checkpoint:
 * <pre>
 *   tiles --patch_embedding--> patches (+ tanh(g) pre_tile_positional_embedding[ar])
 *     -> [class_embedding | patches] (+ gated_positional_embedding: (1-tanh g) pos + tanh g tile[ar])
 *     -> layernorm_pre -> pad to P8 -> transformer (all tiles as one sequence; keep the states entering
 *        intermediate_layers_indices) -> layernorm_post (+ tanh(g) post_tile_positional_embedding[ar])
 *     -> global_transformer -> drop padding -> [final | interleaved intermediates]
 * </pre>
 */
public final class MllamaVisionModel {
    private final VisionConfig cfg;
    private final WeightMatrix patchEmbedding;   // (Hv, 3*p*p): the conv kernel as a matrix over unfolded patches
    private final float[] classEmbedding;        // (Hv)
    private final float[] positionalEmbedding;   // (P, Hv)
    private final float positionalGate;          // tanh(gated_positional_embedding.gate)
    private final float[] tileEmbedding;         // (9, maxTiles*P*Hv), row = aspect ratio id
    private final float[] preTileEmbedding;      // (9, maxTiles*Hv)
    private final float preTileGate;
    private final float[] postTileEmbedding;     // (9, maxTiles*Hv)
    private final float postTileGate;
    private final float[] layernormPreW, layernormPreB, layernormPostW, layernormPostB; // (Hv)
    private final VisionEncoderLayer[] transformer;
    private final VisionEncoderLayer[] globalTransformer;

    private MllamaVisionModel(Checkpoint ckpt, VisionConfig cfg) {
        this.cfg = cfg;
        String v = "vision_model.";
        int h = cfg.hiddenSize(), p = cfg.patchSize(), c = cfg.numChannels(), np = cfg.patchesPerTile(), t = cfg.maxNumTiles();
        int ratios = cfg.supportedAspectRatios().length + 1;
        patchEmbedding = ckpt.tensor(v + "patch_embedding.weight").expectShape(h, c, p, p).asMatrix();
        classEmbedding = ckpt.tensor(v + "class_embedding").expectShape(h).toFloatArray();
        positionalEmbedding = ckpt.tensor(v + "gated_positional_embedding.embedding").expectShape(np, h).toFloatArray();
        positionalGate = tanh(ckpt, v + "gated_positional_embedding.gate");
        tileEmbedding = ckpt.tensor(v + "gated_positional_embedding.tile_embedding.weight")
                .expectShape(ratios, (long) t * np * h).toFloatArray();
        preTileEmbedding = ckpt.tensor(v + "pre_tile_positional_embedding.embedding.weight").expectShape(ratios, (long) t * h).toFloatArray();
        preTileGate = tanh(ckpt, v + "pre_tile_positional_embedding.gate");
        postTileEmbedding = ckpt.tensor(v + "post_tile_positional_embedding.embedding.weight").expectShape(ratios, (long) t * h).toFloatArray();
        postTileGate = tanh(ckpt, v + "post_tile_positional_embedding.gate");
        layernormPreW = ckpt.tensor(v + "layernorm_pre.weight").expectShape(h).toFloatArray();
        layernormPreB = ckpt.tensor(v + "layernorm_pre.bias").expectShape(h).toFloatArray();
        layernormPostW = ckpt.tensor(v + "layernorm_post.weight").expectShape(h).toFloatArray();
        layernormPostB = ckpt.tensor(v + "layernorm_post.bias").expectShape(h).toFloatArray();
        transformer = new VisionEncoderLayer[cfg.numHiddenLayers()];
        for (int i = 0; i < transformer.length; i++) {
            transformer[i] = new VisionEncoderLayer(ckpt, v + "transformer.layers." + i + ".", cfg, false);
        }
        globalTransformer = new VisionEncoderLayer[cfg.numGlobalLayers()];
        for (int i = 0; i < globalTransformer.length; i++) {
            globalTransformer[i] = new VisionEncoderLayer(ckpt, v + "global_transformer.layers." + i + ".", cfg, true);
        }
    }

    public static MllamaVisionModel load(Checkpoint ckpt, VisionConfig cfg) {
        return new MllamaVisionModel(ckpt, cfg);
    }

    private static float tanh(Checkpoint ckpt, String name) {
        return (float) Math.tanh(ckpt.tensor(name).scalar());
    }

    public VisionConfig config() {
        return cfg;
    }

    public float[] encode(float[] pixelValues, int aspectRatioId, int numTiles) {
        return encode(pixelValues, aspectRatioId, numTiles, VisionTrace.NONE, Cancellation.NEVER);
    }

    /**
     * @param pixelValues (tiles, 3, S, S) from the preprocessor, tiles = max_num_tiles for the reference result
     * @return (tiles, P, vision_output_dim): final features then the interleaved intermediate ones
     */
    public float[] encode(float[] pixelValues, int aspectRatioId, int numTiles, VisionTrace trace) {
        return encode(pixelValues, aspectRatioId, numTiles, trace, Cancellation.NEVER);
    }

    /** As above; checks {@code cancel} between layers (a 4-tile encode of the real model takes tens of seconds). */
    public float[] encode(float[] pixelValues, int aspectRatioId, int numTiles, VisionTrace trace, Cancellation cancel) {
        int h = cfg.hiddenSize(), np = cfg.patchesPerTile(), p8 = cfg.paddedPatchesPerTile(), s = cfg.imageSize();
        int ratios = cfg.supportedAspectRatios().length, tileFloats = cfg.numChannels() * s * s;
        // The reference always encodes max_num_tiles tiles; fewer (the processor's max_image_tiles set lower, as
        // --max-tiles does) encode only those, which is what makes a 1-tile answer 4x cheaper than 4 tiles.
        int tiles = pixelValues.length / tileFloats;
        if (tiles < 1 || tiles > cfg.maxNumTiles() || tiles * tileFloats != pixelValues.length) {
            throw new BadInputException("pixel values hold " + pixelValues.length + " floats, not 1.." + cfg.maxNumTiles()
                    + " tiles of " + tileFloats);
        }
        if (aspectRatioId < 1 || aspectRatioId > ratios) throw new BadInputException("aspect ratio id " + aspectRatioId + " is outside 1.." + ratios);
        if (numTiles < 1 || numTiles > tiles) throw new BadInputException("tile count " + numTiles + " is outside 1.." + tiles);
        int n = tiles * p8;

        float[] x = embed(pixelValues, tiles, aspectRatioId);           // (tiles * P8, Hv)
        trace.afterLayernormPre(x);
        boolean[] masked = new boolean[n];                               // padding patches and empty tiles
        for (int i = 0; i < n; i++) masked[i] = i % p8 >= np || i / p8 >= numTiles;
        trace.maskedTokens(masked);

        int[] keep = cfg.intermediateLayersIndices();
        float[][] intermediate = new float[keep.length][];
        for (int l = 0; l < transformer.length; l++) {
            for (int k = 0; k < keep.length; k++) if (keep[k] == l) intermediate[k] = x.clone(); // state entering layer l
            cancel.throwIfCancelled();
            transformer[l].forward(x, n, masked);
        }
        trace.localOutput(x);

        VectorMath.layerNorm(x, x, layernormPostW, layernormPostB, n, h, 1e-5f);
        for (int t = 0; t < tiles; t++) {
            int e = (aspectRatioId * cfg.maxNumTiles() + t) * h;
            for (int i = 0; i < p8; i++) VectorMath.axpy(postTileGate, postTileEmbedding, e, x, (t * p8 + i) * h, h);
        }
        for (VisionEncoderLayer layer : globalTransformer) {
            cancel.throwIfCancelled();
            layer.forward(x, n, masked);
        }

        return output(x, tiles, intermediate);
    }

    /** Patch conv, pre-tile embedding, class token, gated positional + tile embedding, layernorm_pre, padding. */
    private float[] embed(float[] pixels, int tiles, int ar) {
        int h = cfg.hiddenSize(), rowTiles = cfg.maxNumTiles(), np = cfg.patchesPerTile(), p8 = cfg.paddedPatchesPerTile();
        int s = cfg.imageSize(), p = cfg.patchSize(), c = cfg.numChannels(), side = s / p, k = c * p * p;
        int patches = side * side;
        // Unfold every tile into rows of (channel, ky, kx), the order of the conv weight (Hv, 3, p, p).
        float[] unfolded = new float[tiles * patches * k];
        for (int t = 0; t < tiles; t++) {
            for (int py = 0; py < side; py++) {
                for (int px = 0; px < side; px++) {
                    int row = ((t * patches) + py * side + px) * k;
                    for (int ch = 0; ch < c; ch++) {
                        for (int ky = 0; ky < p; ky++) {
                            int src = ((t * c + ch) * s + py * p + ky) * s + px * p;
                            System.arraycopy(pixels, src, unfolded, row + (ch * p + ky) * p, p);
                        }
                    }
                }
            }
        }
        float[] patchStates = patchEmbedding.matMul(unfolded, tiles * patches); // (tiles * patches, Hv)

        float[] x = new float[tiles * p8 * h];
        for (int t = 0; t < tiles; t++) {
            int pre = (ar * rowTiles + t) * h;   // the [9, maxTiles*...] tables are laid out for max_num_tiles
            for (int i = 0; i < np; i++) {
                int dst = (t * p8 + i) * h;
                if (i == 0) {
                    System.arraycopy(classEmbedding, 0, x, dst, h);     // the class token gets no pre-tile embedding
                } else {
                    int src = (t * patches + i - 1) * h;
                    for (int j = 0; j < h; j++) x[dst + j] = patchStates[src + j] + preTileEmbedding[pre + j] * preTileGate;
                }
                int tile = ((ar * rowTiles + t) * np + i) * h;
                for (int j = 0; j < h; j++) {
                    float withPos = x[dst + j] + (1 - positionalGate) * positionalEmbedding[i * h + j];
                    x[dst + j] = withPos + positionalGate * tileEmbedding[tile + j];
                }
            }
            for (int i = 0; i < np; i++) {
                int o = (t * p8 + i) * h;
                VectorMath.layerNormRow(x, o, x, o, layernormPreW, layernormPreB, h, 1e-5f);
            }
        }
        return x;
    }

    /** Drops the padding patches and appends the intermediate features interleaved: Hv + h*K + k. */
    private float[] output(float[] x, int tiles, float[][] intermediate) {
        int h = cfg.hiddenSize(), np = cfg.patchesPerTile(), p8 = cfg.paddedPatchesPerTile();
        int kCount = intermediate.length, dim = cfg.visionOutputDim();
        float[] out = new float[tiles * np * dim];
        for (int t = 0; t < tiles; t++) {
            for (int i = 0; i < np; i++) {
                int src = (t * p8 + i) * h, dst = (t * np + i) * dim;
                System.arraycopy(x, src, out, dst, h);
                for (int j = 0; j < h; j++) {
                    for (int k = 0; k < kCount; k++) out[dst + h + j * kCount + k] = intermediate[k][src + j];
                }
            }
        }
        return out;
    }
}
