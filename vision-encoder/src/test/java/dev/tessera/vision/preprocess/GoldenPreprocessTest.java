package dev.tessera.vision.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.vision.GoldenTensors;
import dev.tessera.vision.TinyMllamaFixture;
import dev.tessera.vision.image.DecodedImage;
import dev.tessera.vision.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every image of {@code golden/preprocess.json}: decoded from its PNG, processed with the fixture's
 * {@code preprocessor_config.json}, and compared with the reference - geometry exactly, {@code pixel_values}
 * within 1e-6 (i.e. bit-exact Pillow resize).
 */
class GoldenPreprocessTest {
    private static final double TOLERANCE = 1e-6;

    @Test
    void everyGoldenImageMatchesTheReference() throws IOException {
        Path fixture = TinyMllamaFixture.dir();
        Path golden = fixture.resolve("golden");
        JsonNode expected = new ObjectMapper().readTree(golden.resolve("preprocess.json").toFile());
        Map<String, GoldenTensors.Tensor> pixelValues = GoldenTensors.readF32(golden.resolve("preprocess.safetensors"));
        MllamaImageProcessor processor = new MllamaImageProcessor(PreprocessorConfig.load(fixture));

        // One check per image, all run and all failures reported together.
        List<Executable> checks = new ArrayList<>();
        for (var entry : expected.properties()) {
            String name = entry.getKey();
            checks.add(() -> check(processor, golden.resolve(name), entry.getValue(), pixelValues.get(name)));
        }
        assertTrue(checks.size() >= 7, "preprocess.json lists " + checks.size() + " images");
        assertAll("golden images", checks);
    }

    private static void check(MllamaImageProcessor processor, Path file, JsonNode want, GoldenTensors.Tensor tensor) {
        String at = file.getFileName() + ": ";
        DecodedImage image = ImageDecoder.decode(file);
        assertEquals(want.get("mode").asText(), image.mode().name(), at + "source mode");
        ProcessedImage got = processor.process(image);

        assertArrayEquals(ints(want.get("orig_hw")), pair(got.originalHeight(), got.originalWidth()), at + "original (h, w)");
        assertArrayEquals(ints(want.get("canvas_hw")), pair(got.canvasHeight(), got.canvasWidth()), at + "canvas (h, w)");
        assertArrayEquals(ints(want.get("resized_hw")), pair(got.resizedHeight(), got.resizedWidth()), at + "resized (h, w)");
        assertArrayEquals(ints(want.get("tiles_hw")), pair(got.rows(), got.cols()), at + "tile grid (rows, cols)");
        assertEquals(want.get("num_tiles").asInt(), got.numTiles(), at + "num_tiles");
        assertEquals(want.get("aspect_ratio_id").asInt(), got.aspectRatioId(), at + "aspect_ratio_id");
        assertArrayEquals(ints(want.get("aspect_ratio_mask")), got.aspectRatioMask(), at + "aspect_ratio_mask");

        assertTrue(tensor != null, at + "no tensor of that name in preprocess.safetensors");
        long[] shape = Arrays.stream(got.pixelValuesShape()).asLongStream().toArray();
        assertArrayEquals(tensor.shape(), shape, at + "pixel_values shape");
        float[] reference = tensor.values();
        float[] actual = got.pixelValues();
        double maxDiff = 0;
        int worst = -1;
        for (int i = 0; i < reference.length; i++) {
            double diff = Math.abs(reference[i] - actual[i]);
            if (diff > maxDiff || Double.isNaN(diff)) {
                maxDiff = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
                worst = i;
            }
        }
        int s = got.tileSize();
        String where = worst < 0 ? "" : " at [tile " + worst / (3 * s * s) + ", channel " + worst / (s * s) % 3 + ", y "
                + worst / s % s + ", x " + worst % s + "]: expected " + reference[worst] + ", got " + actual[worst];
        assertTrue(maxDiff <= TOLERANCE, at + "pixel_values max abs diff " + maxDiff + where);
    }

    private static int[] pair(int a, int b) {
        return new int[]{a, b};
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) values[i] = array.get(i).asInt();
        return values;
    }
}
