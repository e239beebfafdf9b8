package dev.tessera.vision.preprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Canvas and resize geometry: the worked examples of docs/spec/image-preprocessing.md and the README. */
class TilingPlanTest {
    @Test
    void supportedGridsInAspectRatioIdOrder() {
        assertEquals(List.of(new TileGrid(1, 1), new TileGrid(1, 2), new TileGrid(1, 3), new TileGrid(1, 4),
                new TileGrid(2, 1), new TileGrid(2, 2), new TileGrid(3, 1), new TileGrid(4, 1)), TileGrid.supported(4));
        assertEquals(List.of(new TileGrid(1, 1)), TileGrid.supported(1));
        assertEquals(14, TileGrid.supported(6).size()); // derived from max tiles, not a table
    }

    @ParameterizedTest(name = "{0}x{1} (WxH) -> grid {2}x{3}, id {4}, resized {5}x{6}")
    @CsvSource({
            // W,    H,    rows, cols, id, resized W, resized H   (560-pixel tiles, 4 tiles)
            "1024,  768,   2, 2, 6, 1024,  768", // example A: no resize
            "300,   2000,  4, 1, 8, 300,  2000", // example B: the narrow side is not upscaled
            "560,   560,   1, 1, 1, 560,   560", // example C: exact fit is an upscale of 1.0
            "640,   480,   1, 2, 2, 640,   480",
            "200,   100,   1, 1, 1, 560,   280",
            "500,   333,   1, 1, 1, 560,   372",
            "1920,  1080,  2, 2, 6, 1120,  630",
            "4000,  3000,  2, 2, 6, 1120,  840",
            "2000,  200,   1, 4, 4, 2000,  200",
            "10000, 10000, 2, 2, 6, 1120, 1120",
    })
    void specExamplesWithRealTiles(int w, int h, int rows, int cols, int id, int resizedW, int resizedH) {
        TilingPlan plan = TilingPlan.choose(h, w, 560, 4, 4);
        assertEquals(new TileGrid(rows, cols), plan.grid());
        assertEquals(id, plan.aspectRatioId());
        assertEquals(rows * 560, plan.canvasHeight());
        assertEquals(cols * 560, plan.canvasWidth());
        assertEquals(resizedW, plan.resizedWidth(), "resized width");
        assertEquals(resizedH, plan.resizedHeight(), "resized height");
    }

    @Test
    void wideImageStaysSmallerThanATileInOneDimension() {
        TilingPlan plan = TilingPlan.choose(60, 300, 56, 4, 4); // README rule 3: 300x60 -> 224x44
        assertEquals(224, plan.resizedWidth());
        assertEquals(44, plan.resizedHeight());
    }

    @Test
    void maxTilesRestrictsTheCandidatesButNotTheIds() {
        assertEquals(new TileGrid(1, 1), TilingPlan.choose(3000, 4000, 560, 4, 1).grid());
        TilingPlan two = TilingPlan.choose(3000, 4000, 560, 4, 2);
        assertEquals(new TileGrid(1, 2), two.grid());
        assertEquals(2, two.aspectRatioId());
        assertEquals(746, two.resizedWidth());  // floor(4000 * 560 / 3000)
        assertEquals(560, two.resizedHeight());
        TilingPlan tall = TilingPlan.choose(2000, 300, 560, 4, 3);
        assertEquals(7, tall.aspectRatioId());  // (3, 1) keeps its id among all 8 grids
    }

    @Test
    void extremeStripKeepsAtLeastOnePixel() {
        TilingPlan plan = TilingPlan.choose(20, 8000, 56, 4, 4); // floor(20 * 224 / 8000) = 0 in the reference
        assertEquals(new TileGrid(1, 4), plan.grid());
        assertEquals(224, plan.resizedWidth());
        assertEquals(1, plan.resizedHeight());
        assertEquals(5, TilingPlan.choose(20, 8000, 560, 4, 4).resizedHeight());
    }
}
