package dev.tessera.vision.model;

import dev.tessera.engine.config.VisionConfig;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.tensor.WeightMatrix;

/**
 * {@code patch_embedding}: a p x p convolution with stride p and no bias, computed as one matrix product.
 * Each tile is unfolded into rows of (S/p)^2 patches (row-major over the patch grid) x 3*p*p values in the
 * weight's (channel, ky, kx) order, then multiplied by the weight viewed as (Hv, 3*p*p).
 */
final class PatchEmbedding {
    private final WeightMatrix weight; // (Hv, 3*p*p), stored (Hv, 3, p, p)
    private final int channels, patch, side, image;

    PatchEmbedding(Checkpoint ckpt, String name, VisionConfig cfg) {
        channels = cfg.numChannels();
        patch = cfg.patchSize();
        image = cfg.imageSize();
        side = image / patch;
        weight = ckpt.tensor(name).expectShape(cfg.hiddenSize(), channels, patch, patch).asMatrix();
    }

    /** Patches per tile, without the class token. */
    int patchesPerTile() {
        return side * side;
    }

    /** (tiles * (S/p)^2, Hv) patch embeddings of pixels (tiles, channels, S, S). */
    float[] forward(float[] pixels, int tiles) {
        int perTile = side * side, k = channels * patch * patch, rows = tiles * perTile;
        float[] unfolded = new float[rows * k];
        Parallel.forRange(rows, 64, (from, to) -> {
            for (int row = from; row < to; row++) {
                int t = row / perTile, py = (row % perTile) / side, px = row % side;
                int dst = row * k;
                for (int c = 0; c < channels; c++) {
                    int plane = (t * channels + c) * image * image;
                    for (int ky = 0; ky < patch; ky++) {
                        int src = plane + (py * patch + ky) * image + px * patch;
                        System.arraycopy(pixels, src, unfolded, dst, patch);
                        dst += patch;
                    }
                }
            }
        });
        float[] out = new float[rows * weight.rows()];
        weight.matMul(unfolded, rows, out);
        return out;
    }
}
