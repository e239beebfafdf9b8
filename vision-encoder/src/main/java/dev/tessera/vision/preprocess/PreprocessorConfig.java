package dev.tessera.vision.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.BadInputException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The {@code MllamaImageProcessor} settings of a checkpoint, from its {@code preprocessor_config.json}. Nothing
 * here is a constant of the code: the real checkpoints use 560-pixel tiles, the test fixture 56, and the class
 * defaults of the Python processor (224 pixels, mean/std 0.5) are wrong for every published checkpoint.
 *
 * @param tileSize      side of a square tile in pixels ({@code size.height == size.width})
 * @param maxImageTiles tiles per image in {@code pixel_values}; also bounds the supported tile grids
 * @param imageMean     per-channel mean (R, G, B), subtracted after rescaling (0 when {@code do_normalize} is false)
 * @param imageStd      per-channel standard deviation (R, G, B) (1 when {@code do_normalize} is false)
 * @param rescaleFactor factor from 8-bit samples to [0, 1] (1/255; 1 when {@code do_rescale} is false)
 */
public record PreprocessorConfig(int tileSize, int maxImageTiles, double[] imageMean, double[] imageStd,
                                 double rescaleFactor) {
    public static final String FILE_NAME = "preprocessor_config.json";

    /** Pillow's resample code for bilinear, the only filter the Llama 3.2 Vision checkpoints use. */
    private static final int PIL_BILINEAR = 2;
    private static final int MAX_SANE_TILES = 64;

    public PreprocessorConfig {
        if (tileSize < 1) throw new IllegalArgumentException("tile size must be positive, got " + tileSize);
        if (maxImageTiles < 1 || maxImageTiles > MAX_SANE_TILES) {
            throw new IllegalArgumentException("max image tiles must be 1.." + MAX_SANE_TILES + ", got " + maxImageTiles);
        }
        if (imageMean.length != 3 || imageStd.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 channels, got " + imageMean.length + " and " + imageStd.length);
        }
        for (double std : imageStd) {
            if (!(std > 0)) throw new IllegalArgumentException("std must be positive, got " + Arrays.toString(imageStd));
        }
        if (!(rescaleFactor > 0)) throw new IllegalArgumentException("rescale factor must be positive, got " + rescaleFactor);
        imageMean = imageMean.clone();
        imageStd = imageStd.clone();
    }

    @Override
    public double[] imageMean() {
        return imageMean.clone();
    }

    @Override
    public double[] imageStd() {
        return imageStd.clone();
    }

    /** Reads {@code preprocessor_config.json} from a checkpoint directory. */
    public static PreprocessorConfig load(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new BadInputException(file + ": file not found (every Llama 3.2 Vision checkpoint has one)", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": not valid JSON (" + dev.tessera.engine.JsonProblem.describe(e) + ")", e);
        }
        if (root == null || !root.isObject()) throw new BadInputException(file + ": expected a JSON object");
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static PreprocessorConfig fromJson(JsonNode root) {
        for (String flag : new String[]{"do_convert_rgb", "do_resize", "do_pad"}) {
            if (!root.path(flag).asBoolean(true)) {
                throw new IllegalArgumentException(flag + " = false is not supported (the Mllama processor always does it)");
            }
        }
        int resample = root.path("resample").asInt(PIL_BILINEAR);
        if (resample != PIL_BILINEAR) {
            throw new IllegalArgumentException("resample = " + resample + " is not supported; only 2 (bilinear)");
        }
        JsonNode size = root.path("size");
        int height = requiredInt(size, "height", "size.height");
        int width = requiredInt(size, "width", "size.width");
        if (height != width) {
            throw new IllegalArgumentException("size " + height + "x" + width + " is not square; Mllama tiles are square");
        }
        int maxTiles = requiredInt(root, "max_image_tiles", "max_image_tiles");
        boolean normalize = root.path("do_normalize").asBoolean(true);
        boolean rescale = root.path("do_rescale").asBoolean(true);
        double[] mean = normalize ? triple(root, "image_mean") : new double[]{0, 0, 0};
        double[] std = normalize ? triple(root, "image_std") : new double[]{1, 1, 1};
        double factor = rescale ? root.path("rescale_factor").asDouble(1 / 255.0) : 1.0;
        return new PreprocessorConfig(height, maxTiles, mean, std, factor);
    }

    private static int requiredInt(JsonNode parent, String key, String path) {
        JsonNode node = parent.path(key);
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException(path + (node.isMissingNode() ? " is missing" : " is not an integer: " + node));
        }
        return node.intValue();
    }

    /** A per-channel value: three numbers, or one number for all channels (as the Python processor accepts). */
    private static double[] triple(JsonNode root, String key) {
        JsonNode node = root.path(key);
        if (node.isNumber()) return new double[]{node.doubleValue(), node.doubleValue(), node.doubleValue()};
        if (!node.isArray() || node.size() != 3) {
            throw new IllegalArgumentException(key + " must be a list of 3 numbers, got " + (node.isMissingNode() ? "nothing" : node));
        }
        double[] values = new double[3];
        for (int i = 0; i < 3; i++) {
            if (!node.get(i).isNumber()) throw new IllegalArgumentException(key + " must be a list of 3 numbers, got " + node);
            values[i] = node.get(i).doubleValue();
        }
        return values;
    }

    @Override
    public String toString() {
        return "PreprocessorConfig[tileSize=" + tileSize + ", maxImageTiles=" + maxImageTiles + ", imageMean="
                + Arrays.toString(imageMean) + ", imageStd=" + Arrays.toString(imageStd) + ", rescaleFactor="
                + rescaleFactor + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreprocessorConfig c && tileSize == c.tileSize && maxImageTiles == c.maxImageTiles
                && Arrays.equals(imageMean, c.imageMean) && Arrays.equals(imageStd, c.imageStd)
                && Double.compare(rescaleFactor, c.rescaleFactor) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * tileSize + maxImageTiles) + Arrays.hashCode(imageMean)) + Arrays.hashCode(imageStd);
    }
}
