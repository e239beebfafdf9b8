package dev.tessera.vision.model;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.config.VisionConfig;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.TensorView;

/**
 * The three aspect-ratio dependent embeddings of the vision tower (HF {@code MllamaPrecomputedAspectRatioEmbedding}
 * and {@code MllamaPrecomputedPositionEmbedding}). Row {@code ar} of each table is the embedding for aspect-ratio id
 * {@code ar}, reshaped tile-major. Gates are stored raw; the model uses tanh(gate), and 1 - tanh(gate) for the
 * plain positional embedding. The small tables are kept as float32 with their gate already applied, exactly the
 * products the reference forms before adding them.
 */
final class TilePositionalEmbeddings {
    private final int tiles, patches, hidden;
    private final float[] preTile;          // (ratios + 1, tiles * Hv): tanh(pre.gate) * pre_tile_positional_embedding
    private final float[] position;         // (P, Hv): (1 - tanh(gate)) * gated_positional_embedding.embedding
    private final float tileGate;           // tanh(gated_positional_embedding.gate)
    private final TensorView tileEmbedding; // (ratios + 1, tiles * P * Hv): one row read per image
    private final float[] postTile;         // (ratios + 1, tiles * Hv): tanh(post.gate) * post_tile_positional_embedding

    TilePositionalEmbeddings(Checkpoint ckpt, String prefix, VisionConfig cfg) {
        tiles = cfg.maxNumTiles();
        patches = cfg.patchesPerTile();
        hidden = cfg.hiddenSize();
        int ids = cfg.supportedAspectRatios().length + 1;
        preTile = gated(ckpt, prefix + "pre_tile_positional_embedding.", ids);
        postTile = gated(ckpt, prefix + "post_tile_positional_embedding.", ids);
        String pos = prefix + "gated_positional_embedding.";
        tileGate = (float) Math.tanh(ckpt.tensor(pos + "gate").expectShape(1).scalar());
        float[] e = ckpt.tensor(pos + "embedding").expectShape(patches, hidden).toFloatArray();
        float keep = 1f - tileGate;
        for (int i = 0; i < e.length; i++) e[i] = keep * e[i];
        position = e;
        tileEmbedding = ckpt.tensor(pos + "tile_embedding.weight").expectShape(ids, (long) tiles * patches * hidden);
    }

    private float[] gated(Checkpoint ckpt, String prefix, int ids) {
        float gate = (float) Math.tanh(ckpt.tensor(prefix + "gate").expectShape(1).scalar());
        float[] t = ckpt.tensor(prefix + "embedding.weight").expectShape(ids, (long) tiles * hidden).toFloatArray();
        for (int i = 0; i < t.length; i++) t[i] = t[i] * gate;
        return t;
    }

    /** Valid aspect-ratio ids are 1 .. ratios (0 is the padding row). */
    void checkId(int aspectRatioId) {
        int max = preTile.length / (tiles * hidden) - 1;
        if (aspectRatioId < 1 || aspectRatioId > max) {
            throw new BadInputException("aspect_ratio_id " + aspectRatioId + " is outside 1.." + max);
        }
    }

    /**
     * patches (count * perTile, Hv) += tanh(pre.gate) * pre[ar][tile], before the class token exists. {@code count}
     * is the number of tiles encoded: max_num_tiles for the reference, fewer under {@code --max-tiles}.
     */
    void addPreTile(float[] x, int aspectRatioId, int perTile, int count) {
        addPerTile(x, preTile, aspectRatioId, perTile, count);
    }

    /** x (count * P8, Hv) += tanh(post.gate) * post[ar][tile], on every slot including the padding. */
    void addPostTile(float[] x, int aspectRatioId, int paddedPatches, int count) {
        addPerTile(x, postTile, aspectRatioId, paddedPatches, count);
    }

    private void addPerTile(float[] x, float[] table, int aspectRatioId, int rowsPerTile, int count) {
        int base = aspectRatioId * tiles * hidden; // the tables are laid out for max_num_tiles
        Parallel.forRange(count * rowsPerTile, 64, (from, to) -> {
            for (int r = from; r < to; r++) {
                int e = base + (r / rowsPerTile) * hidden, o = r * hidden;
                for (int c = 0; c < hidden; c++) x[o + c] += table[e + c];
            }
        });
    }

    /**
     * x (count * P8, Hv), class token and patches at slots 0 .. P-1 of each tile:
     * += (1 - tanh(g)) * embedding[p], then += tanh(g) * tile_embedding[ar][tile][p].
     */
    void addPositional(float[] x, int aspectRatioId, int paddedPatches, int count) {
        float[] tileRow = new float[count * patches * hidden];
        tileEmbedding.copyTo((long) aspectRatioId * tiles * patches * hidden, tileRow, 0, tileRow.length);
        Parallel.forRange(count * patches, 64, (from, to) -> {
            for (int r = from; r < to; r++) {
                int t = r / patches, p = r % patches;
                int o = (t * paddedPatches + p) * hidden, pe = p * hidden, te = r * hidden;
                for (int c = 0; c < hidden; c++) x[o + c] += position[pe + c];
                for (int c = 0; c < hidden; c++) x[o + c] += tileGate * tileRow[te + c];
            }
        });
    }
}
