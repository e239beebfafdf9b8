package dev.tessera.engine.safetensors;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.engine.fuzz.FuzzContract;
import dev.tessera.engine.tensor.DType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the safetensors reader with whole files (the 8-byte header length, the JSON header and the data) and
 * the shard index. Accepted files must keep safetensors' promise: every tensor lies inside the data section
 * and can be read; refused ones end in a BadInputException. Hand-made bad files: {@link BadSafeTensorsTest}.
 */
class SafeTensorsFuzzTest {
    @MethodSource("files")
    @DictionaryEntries({"\"dtype\"", "\"shape\"", "\"data_offsets\"", "\"__metadata__\"", "\"F32\"", "\"BF16\"",
            "\"F16\"", "\"U8\"", "\"I64\"", "18446744073709551615", "-1", "1e400"})
    @FuzzTest(maxDuration = "10s")
    void file(byte[] bytes) {
        Path p = FuzzContract.write("model.safetensors", bytes);
        try (SafeTensorsFile f = FuzzContract.parse(() -> SafeTensorsFile.open(p))) {
            if (f == null) return;
            for (TensorInfo t : f.infos().values()) {
                if (t.begin() < 0 || t.end() > f.dataBytes() || t.end() - t.begin() != t.byteSize()) {
                    throw new AssertionError(t.name() + " accepted with bytes " + t.begin() + ".." + t.end()
                            + " of a " + f.dataBytes() + "-byte data section");
                }
                if (f.tensor(t.name()).toByteArray().length != t.byteSize()) throw new AssertionError(t.name());
            }
        }
    }

    /** Valid files in every dtype and a few shapes, from the writer the checkpoint tools use. */
    static List<byte[]> files() throws IOException {
        Path p = Files.createTempFile("seed", ".safetensors");
        try {
            SafeTensorsWriterTest.sample().metadata("format", "pt").write(p);
            byte[] sample = Files.readAllBytes(p);
            new SafeTensorsWriter().add("w", DType.BF16, new long[] {2, 0, 3}, new byte[0]).write(p);
            byte[] empty = Files.readAllBytes(p);
            return List.of(sample, empty);
        } finally {
            Files.deleteIfExists(p);
        }
    }

    /**
     * Fuzzes {@code model.safetensors.index.json} in a folder holding two small shards: an accepted index maps
     * every tensor it lists to a shard that holds it.
     */
    @MethodSource("indexes")
    @DictionaryEntries({"\"weight_map\"", "\"metadata\"", "\"total_size\"", "\"model-00001-of-00002.safetensors\"",
            "\"model-00002-of-00002.safetensors\"", "\"a.weight\"", "\"b.weight\"", "\"..\"", "/"})
    @FuzzTest(maxDuration = "10s")
    void index(byte[] bytes) {
        Path dir = shards();
        FuzzContract.write("shards/" + Checkpoint.INDEX, bytes);
        try (Checkpoint c = FuzzContract.parse(() -> Checkpoint.open(dir))) {
            if (c == null) return;
            for (String name : c.names()) c.tensor(name).toByteArray();
        }
    }

    static List<byte[]> indexes() {
        String both = "{\"metadata\":{\"total_size\":8},\"weight_map\":{\"a.weight\":\"model-00001-of-00002.safetensors\","
                + "\"b.weight\":\"model-00002-of-00002.safetensors\"}}";
        return List.of(both.getBytes(StandardCharsets.UTF_8),
                "{\"weight_map\":{\"a.weight\":\"model-00001-of-00002.safetensors\"}}".getBytes(StandardCharsets.UTF_8));
    }

    private static Path shardDir;

    private static synchronized Path shards() {
        if (shardDir == null) {
            Path d = FuzzContract.scratch().resolve("shards");
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            new SafeTensorsWriter().add("a.weight", DType.U8, new long[] {4}, TensorSource.zeros())
                    .write(d.resolve("model-00001-of-00002.safetensors"));
            new SafeTensorsWriter().add("b.weight", DType.F32, new long[] {1}, TensorSource.zeros())
                    .write(d.resolve("model-00002-of-00002.safetensors"));
            shardDir = d;
        }
        return shardDir;
    }
}
