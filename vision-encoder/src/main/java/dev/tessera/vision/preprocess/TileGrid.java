package dev.tessera.vision.preprocess;

import java.util.ArrayList;
import java.util.List;

/**
 * An arrangement of tiles on the canvas: {@code rows} tiles down, {@code cols} across.
 *
 * <p>The Python docstrings call these tuples (width, height), but every consumer - the canvas search, the
 * aspect-ratio ids, the converted tile embeddings - treats the first element as rows.
 */
public record TileGrid(int rows, int cols) {
    public TileGrid {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("grid must be at least 1x1, got " + rows + "x" + cols);
    }

    public int tiles() {
        return rows * cols;
    }

    /**
     * The grids a checkpoint supports, in the order that defines {@code aspect_ratio_id} (id = index + 1; 0
     * means "no image"): rows outer, cols inner, every rows * cols <= maxTiles. For 4 tiles:
     * (1,1) (1,2) (1,3) (1,4) (2,1) (2,2) (3,1) (4,1).
     */
    public static List<TileGrid> supported(int maxTiles) {
        List<TileGrid> grids = new ArrayList<>();
        for (int rows = 1; rows <= maxTiles; rows++) {
            for (int cols = 1; cols <= maxTiles; cols++) {
                if (rows * cols <= maxTiles) grids.add(new TileGrid(rows, cols));
            }
        }
        return List.copyOf(grids);
    }
}
