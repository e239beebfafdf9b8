package dev.tessera.vision.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.safetensors.SafeTensorsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The tiny-mllama fixture and its image golden cases. Private stand-in until text-engine's shared
 * {@code dev.tessera.engine.testing.Fixtures} lands on this branch.
 */
final class VisionGolden {
    private VisionGolden() {}

    /** ../shared/fixtures/tiny-mllama: -Dtessera.shared, else a "shared" folder beside this or a parent folder. */
    static Path fixture() {
        String prop = System.getProperty("tessera.shared");
        Path dir = null;
        if (prop != null && !prop.isBlank()) {
            dir = Path.of(prop).resolve("fixtures/tiny-mllama");
        } else {
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                Path c = p.resolve("shared/fixtures/tiny-mllama");
                if (Files.isDirectory(c)) {
                    dir = c;
                    break;
                }
            }
        }
        if (dir == null || !Files.isDirectory(dir)) {
            String why = "conformance fixtures not found (" + (dir == null ? "no shared/ folder above "
                    + Path.of("").toAbsolutePath() : dir.toAbsolutePath()) + "); set -Dtessera.shared=<path to shared>";
            if (System.getenv("CI") != null) throw new AssertionError(why);
            Assumptions.assumeTrue(false, why);
        }
        return dir;
    }

    /** One image of a golden case: its inputs and the expected vision tensors. */
    record Image(String caseName, int index, float[] pixels, int aspectRatioId, int numTiles, float[] afterLnPre,
                 byte[] maskedPairs, float[] localOutput, float[] output) {
        @Override
        public String toString() {
            return caseName + "[" + index + "]";
        }
    }

    static Image[] images(String caseName) throws IOException {
        Path golden = fixture().resolve("golden");
        JsonNode json = JsonMapper.builder().build().readTree(golden.resolve(caseName + ".json").toFile());
        try (SafeTensorsFile f = SafeTensorsFile.open(golden.resolve(caseName + ".safetensors"))) {
            float[] pixels = f.tensor("pixel_values").toFloatArray();
            float[] lnPre = f.tensor("vision_after_ln_pre").toFloatArray();
            byte[] pairs = f.tensor("vision_attn_masked_pairs").toByteArray();
            float[] local = f.tensor("vision_local_output").toFloatArray();
            float[] out = f.tensor("vision_output").toFloatArray();
            int m = (int) f.tensor("pixel_values").shape()[1];
            Image[] images = new Image[m];
            for (int i = 0; i < m; i++) {
                images[i] = new Image(caseName, i, slice(pixels, i, m), json.get("aspect_ratio_ids").get(0).get(i).asInt(),
                        json.get("num_tiles").get(0).get(i).asInt(), slice(lnPre, i, m), slice(pairs, i, m),
                        slice(local, i, m), slice(out, i, m));
            }
            return images;
        }
    }

    private static float[] slice(float[] a, int i, int m) {
        int n = a.length / m;
        return java.util.Arrays.copyOfRange(a, i * n, (i + 1) * n);
    }

    private static byte[] slice(byte[] a, int i, int m) {
        int n = a.length / m;
        return java.util.Arrays.copyOfRange(a, i * n, (i + 1) * n);
    }

    static float maxAbsDiff(float[] want, float[] got) {
        if (want.length != got.length) throw new AssertionError("length " + got.length + ", expected " + want.length);
        float m = 0;
        for (int i = 0; i < want.length; i++) m = Math.max(m, Math.abs(want[i] - got[i]));
        return m;
    }
}
