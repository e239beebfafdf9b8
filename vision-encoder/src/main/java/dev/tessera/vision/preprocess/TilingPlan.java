package dev.tessera.vision.preprocess;

import java.util.List;

/**
 * Where an image goes: the tile grid and its canvas, and the size the image is resized to before it is padded
 * to that canvas (README rules 2 and 3; {@code get_optimal_tiled_canvas} and
 * {@code get_image_size_fit_to_canvas} of the Python processor). All scale arithmetic is IEEE double, compared
 * exactly, as numpy does.
 *
 * @param aspectRatioId 1 + index of the grid in {@link TileGrid#supported} of the checkpoint's max tiles
 */
public record TilingPlan(TileGrid grid, int aspectRatioId, int canvasHeight, int canvasWidth, int resizedHeight,
                         int resizedWidth) {

    /**
     * Plans an image of {@code height} x {@code width} pixels.
     *
     * @param maxTilesOfConfig the checkpoint's {@code max_image_tiles}: fixes the grid list and so the ids
     * @param maxTiles         1..maxTilesOfConfig: only grids with at most this many tiles are candidates
     */
    public static TilingPlan choose(int height, int width, int tileSize, int maxTilesOfConfig, int maxTiles) {
        if (height < 1 || width < 1) throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        if (maxTiles < 1 || maxTiles > maxTilesOfConfig) {
            throw new IllegalArgumentException("max tiles must be 1.." + maxTilesOfConfig + ", got " + maxTiles);
        }
        List<TileGrid> grids = TileGrid.supported(maxTilesOfConfig);
        double[] scales = new double[grids.size()];
        boolean anyUpscale = false;
        for (int i = 0; i < grids.size(); i++) {
            TileGrid grid = grids.get(i);
            double scaleH = (double) (grid.rows() * tileSize) / height;
            double scaleW = (double) (grid.cols() * tileSize) / width;
            scales[i] = grid.tiles() > maxTiles ? Double.NaN : scaleW > scaleH ? scaleH : scaleW;
            anyUpscale |= scales[i] >= 1;
        }
        // Smallest scale that still fits the image (>= 1), else the least shrinking one.
        double selected = anyUpscale ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (double scale : scales) {
            if (Double.isNaN(scale)) continue;
            if (anyUpscale ? scale >= 1 && scale < selected : scale > selected) selected = scale;
        }
        // Among grids with exactly that scale, the smallest canvas; the first in list order on a tie.
        int best = -1;
        for (int i = 0; i < grids.size(); i++) {
            if (scales[i] == selected && (best < 0 || grids.get(i).tiles() < grids.get(best).tiles())) best = i;
        }
        TileGrid grid = grids.get(best);
        int canvasHeight = grid.rows() * tileSize;
        int canvasWidth = grid.cols() * tileSize;

        // Rule 3: the target is the image size clamped into [tile, canvas] per axis, and the image is scaled by
        // the limiting ratio with the other side floored - so it is not always the canvas.
        int targetW = Math.clamp(width, tileSize, canvasWidth);
        int targetH = Math.clamp(height, tileSize, canvasHeight);
        double scaleH = (double) targetH / height;
        double scaleW = (double) targetW / width;
        int newW, newH;
        if (scaleW < scaleH) {
            newW = targetW;
            newH = Math.min((int) Math.floor(height * scaleW), targetH);
        } else {
            newH = targetH;
            newW = Math.min((int) Math.floor(width * scaleH), targetW);
        }
        // Deviation: an extreme strip (8000x20 with 56-pixel tiles) floors its short side to 0, where the
        // reference fails (Pillow refuses a zero size); keep one pixel instead.
        return new TilingPlan(grid, best + 1, canvasHeight, canvasWidth, Math.max(1, newH), Math.max(1, newW));
    }

    public int rows() {
        return grid.rows();
    }

    public int cols() {
        return grid.cols();
    }

    public int numTiles() {
        return grid.tiles();
    }
}
