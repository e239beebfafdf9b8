package dev.tessera.engine.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.safetensors.SafeTensorsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** One golden case of ../shared/fixtures/tiny-mllama: its JSON fields and its float32 tensors. */
public record GoldenCase(String name, JsonNode json, Path tensors) {
    public static Path fixture() {
        String prop = System.getProperty("tessera.shared");
        Path shared = prop != null ? Path.of(prop) : Path.of("../shared");
        Path dir = shared.resolve("fixtures/tiny-mllama");
        if (!Files.isDirectory(dir)) {
            String why = "conformance fixtures not found at " + dir.toAbsolutePath()
                    + " (the read-only ../shared beside the checkout)";
            if (System.getenv("CI") != null) throw new AssertionError(why);
            Assumptions.assumeTrue(false, why);
        }
        return dir;
    }

    public static GoldenCase load(String name) throws IOException {
        Path dir = fixture().resolve("golden");
        JsonNode json = JsonMapper.builder().build().readTree(dir.resolve(name + ".json").toFile());
        return new GoldenCase(name, json, dir.resolve(name + ".safetensors"));
    }

    public int[] ints(String field) {
        JsonNode a = json.get(field);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    public float[] tensor(String name) {
        try (SafeTensorsFile f = SafeTensorsFile.open(tensors)) {
            return f.has(name) ? f.tensor(name).toFloatArray() : null;
        }
    }

    public static float maxAbsDiff(float[] a, int ao, float[] b, int bo, int n) {
        float m = 0;
        for (int i = 0; i < n; i++) m = Math.max(m, Math.abs(a[ao + i] - b[bo + i]));
        return m;
    }
}
