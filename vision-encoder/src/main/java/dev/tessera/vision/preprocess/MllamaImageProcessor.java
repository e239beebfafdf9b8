package dev.tessera.vision.preprocess;

import dev.tessera.engine.BadInputException;
import dev.tessera.vision.image.DecodedImage;

/**
 * Llama 3.2 Vision image preprocessing, bit-exact with the Hugging Face {@code MllamaImageProcessor} (the
 * fixture README's rules 1-7): white background for non-RGB modes, tile canvas choice, Pillow bilinear resize,
 * zero padding, rescale and normalise in float32, row-major tiles, always {@code max_image_tiles} tiles.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class MllamaImageProcessor {
    private static final int CHANNELS = 3;

    private final PreprocessorConfig config;
    /** NORMALISED[c][v]: the float32 value of 8-bit sample v in channel c (rules 5 and 6). */
    private final float[][] normalised;

    public MllamaImageProcessor(PreprocessorConfig config) {
        this.config = config;
        this.normalised = new float[CHANNELS][256];
        double[] mean = config.imageMean();
        double[] std = config.imageStd();
        for (int c = 0; c < CHANNELS; c++) {
            // The reference: float64 sample * rescale factor, cast to float32, then (x - mean) / std with mean
            // and std as float32 arrays, so every operation rounds to float.
            float meanF = (float) mean[c];
            float stdF = (float) std[c];
            for (int v = 0; v < 256; v++) {
                float x = (float) (v * config.rescaleFactor());
                normalised[c][v] = (x - meanF) / stdF;
            }
        }
    }

    public PreprocessorConfig config() {
        return config;
    }

    /** Processes an image with every tile grid the checkpoint supports. */
    public ProcessedImage process(DecodedImage image) {
        return process(image, config.maxImageTiles());
    }

    /**
     * Processes an image, choosing only among tile grids of at most {@code maxTiles} tiles (fewer tiles make
     * the vision encoder faster on simple photos; the output still holds the checkpoint's max tiles).
     *
     * @throws BadInputException if maxTiles is not within 1..max_image_tiles
     */
    public ProcessedImage process(DecodedImage image, int maxTiles) {
        if (maxTiles < 1 || maxTiles > config.maxImageTiles()) {
            throw new BadInputException("max tiles must be between 1 and " + config.maxImageTiles() + ", got " + maxTiles);
        }
        int width = image.width();
        int height = image.height();
        int tile = config.tileSize();
        TilingPlan plan = TilingPlan.choose(height, width, tile, config.maxImageTiles(), maxTiles);
        byte[] rgb = WhiteBackground.rgbOf(image);
        byte[] resized = PillowBilinear.resize(rgb, width, height, plan.resizedWidth(), plan.resizedHeight());

        int allTiles = config.maxImageTiles();
        float[] pixelValues = new float[allTiles * CHANNELS * tile * tile]; // unused tiles stay 0.0 (rule 7)
        for (int row = 0; row < plan.rows(); row++) {
            for (int col = 0; col < plan.cols(); col++) {
                writeTile(resized, plan, row, col, pixelValues);
            }
        }
        int[] mask = new int[allTiles];
        mask[0] = 1;
        for (int t = 0; t < plan.numTiles(); t++) mask[t] = 1;
        return new ProcessedImage(pixelValues, mask, allTiles, tile, plan, height, width);
    }

    /**
     * Copies one tile of the zero-padded canvas into {@code out}, channel-first. Canvas pixels right of or below
     * the resized image are padding: sample 0, which normalises to -mean/std (rule 5).
     */
    private void writeTile(byte[] resized, TilingPlan plan, int row, int col, float[] out) {
        int tile = config.tileSize();
        int imageW = plan.resizedWidth();
        int imageH = plan.resizedHeight();
        int x0 = col * tile;
        int y0 = row * tile;
        int inside = Math.clamp(imageW - x0, 0, tile); // columns of this tile that hold image pixels
        int tileIndex = row * plan.cols() + col;
        for (int c = 0; c < CHANNELS; c++) {
            float[] table = normalised[c];
            float pad = table[0];
            int planeBase = (tileIndex * CHANNELS + c) * tile * tile;
            for (int y = 0; y < tile; y++) {
                int o = planeBase + y * tile;
                int x = 0;
                if (y0 + y < imageH) {
                    int p = ((y0 + y) * imageW + x0) * CHANNELS + c;
                    for (; x < inside; x++, p += CHANNELS) out[o + x] = table[resized[p] & 0xFF];
                }
                for (; x < tile; x++) out[o + x] = pad;
            }
        }
    }
}
