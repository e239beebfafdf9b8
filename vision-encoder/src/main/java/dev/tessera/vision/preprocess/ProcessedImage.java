package dev.tessera.vision.preprocess;

/**
 * One image ready for the vision encoder: the {@code MllamaImageProcessor} outputs for it.
 *
 * @param pixelValues     (maxTiles, 3, tileSize, tileSize) float32, tiles row-major over the canvas; tiles
 *                        beyond {@code numTiles()} are 0.0, canvas padding inside used tiles is -mean/std
 * @param aspectRatioMask (maxTiles,) 1 for used tiles (and always for tile 0), else 0
 * @param maxTiles        the checkpoint's {@code max_image_tiles} (the first axis of pixelValues)
 * @param tileSize        the tile side in pixels
 * @param plan            grid, aspect-ratio id, canvas and resized sizes
 * @param originalHeight  height of the decoded (upright) image
 * @param originalWidth   width of the decoded (upright) image
 */
public record ProcessedImage(float[] pixelValues, int[] aspectRatioMask, int maxTiles, int tileSize, TilingPlan plan,
                             int originalHeight, int originalWidth) {

    /** 1-based index of the tile grid among the checkpoint's supported grids (0 is reserved for "no image"). */
    public int aspectRatioId() {
        return plan.aspectRatioId();
    }

    public int rows() {
        return plan.rows();
    }

    public int cols() {
        return plan.cols();
    }

    /** Tiles that hold the image: rows * cols. */
    public int numTiles() {
        return plan.numTiles();
    }

    public int canvasHeight() {
        return plan.canvasHeight();
    }

    public int canvasWidth() {
        return plan.canvasWidth();
    }

    public int resizedHeight() {
        return plan.resizedHeight();
    }

    public int resizedWidth() {
        return plan.resizedWidth();
    }

    /** The shape of {@link #pixelValues()}: {maxTiles, 3, tileSize, tileSize}. */
    public int[] pixelValuesShape() {
        return new int[]{maxTiles, 3, tileSize, tileSize};
    }
}
