package dev.tessera.engine.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.llama.GoldenCase;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.ProgressListener;
import dev.tessera.engine.tensor.Quantization;
import dev.tessera.engine.tensor.WeightMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quantized-model cache: made once, reused, rebuilt when the checkpoint changes or the cache is damaged. */
class QuantizedWeightsTest {
    static final String DOWN = "language_model.model.layers.0.mlp.down_proj.weight";
    @TempDir
    Path tmp;

    Path copyOfFixture() throws Exception {
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir);
        for (String f : List.of("config.json", "model.safetensors")) Files.copy(GoldenCase.fixture().resolve(f), dir.resolve(f));
        return dir;
    }

    static float[] row0(Checkpoint ckpt) {
        WeightMatrix m = ckpt.tensor(DOWN).asMatrix();
        float[] out = new float[m.cols()];
        m.rowsToFloat(0, 1, out);
        return out;
    }

    static Path cacheFile(Path cache) throws Exception {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(p -> p.toString().endsWith("q8_0.safetensors")).findFirst().orElseThrow();
        }
    }

    @Test
    void theSecondLoadMapsTheCacheAndGetsTheSameWeights() throws Exception {
        Path model = copyOfFixture(), cache = tmp.resolve("cache");
        float[] first;
        try (Checkpoint c = Checkpoint.open(model)) {
            QuantizedWeights w = QuantizedWeights.attach(c, Quantization.Q8_0, cache, ProgressListener.NONE);
            assertFalse(w.fromCache());
            assertTrue(w.size() > 0);
            first = row0(c);
        }
        try (Checkpoint c = Checkpoint.open(model)) {
            QuantizedWeights w = QuantizedWeights.attach(c, Quantization.Q8_0, cache, ProgressListener.NONE);
            assertTrue(w.fromCache(), "second load reads the cache");
            org.junit.jupiter.api.Assertions.assertArrayEquals(first, row0(c));
        }
        try (Checkpoint c = Checkpoint.open(model)) { // in memory, no cache: the same numbers
            QuantizedWeights.attach(c, Quantization.Q8_0, null, ProgressListener.NONE);
            org.junit.jupiter.api.Assertions.assertArrayEquals(first, row0(c));
        }
    }

    @Test
    void aChangedCheckpointOrADamagedCacheIsRebuilt() throws Exception {
        Path model = copyOfFixture(), cache = tmp.resolve("cache");
        try (Checkpoint c = Checkpoint.open(model)) {
            QuantizedWeights.attach(c, Quantization.Q8_0, cache, ProgressListener.NONE);
        }
        Files.setLastModifiedTime(model.resolve("model.safetensors"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        try (Checkpoint c = Checkpoint.open(model)) {
            assertFalse(QuantizedWeights.attach(c, Quantization.Q8_0, cache, ProgressListener.NONE).fromCache(),
                    "a newer checkpoint file invalidates the cache");
        }
        Path f = cacheFile(cache);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // as after a crash mid-write
        try (Checkpoint c = Checkpoint.open(model)) {
            QuantizedWeights w = QuantizedWeights.attach(c, Quantization.Q8_0, cache, ProgressListener.NONE);
            assertFalse(w.fromCache(), "a truncated cache is rebuilt");
            assertEquals("Q8Matrix", c.tensor(DOWN).asMatrix().getClass().getSimpleName());
        }
        assertEquals(bytes.length, Files.size(f));
    }

    @Test
    void thePageWarmerRunsWhileTheCheckpointIsOpenAndStopsWithIt() throws Exception {
        Checkpoint c = Checkpoint.open(GoldenCase.fixture());
        c.keepWarm(java.time.Duration.ofMillis(10));
        Thread.sleep(100);
        assertTrue(warmerAlive(), "warmer thread running");
        c.close();
        assertFalse(warmerAlive(), "warmer thread stopped with the checkpoint");
    }

    static boolean warmerAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("tessera-page-warmer") && t.isAlive());
    }

    @Test
    void bf16NeedsNoCopy() throws Exception {
        try (Checkpoint c = Checkpoint.open(GoldenCase.fixture())) {
            assertNull(QuantizedWeights.attach(c, Quantization.BF16, tmp, ProgressListener.NONE));
            assertEquals("Bf16Matrix", c.tensor(DOWN).asMatrix().getClass().getSimpleName());
        }
    }
}
