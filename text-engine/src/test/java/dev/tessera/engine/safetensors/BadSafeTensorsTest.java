package dev.tessera.engine.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.tensor.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Corrupt or hostile safetensors files and checkpoint folders: each must end in one BadInputException whose
 * single-line message names the file and, where one is at fault, the tensor - never another exception,
 * a hang, or a file accepted with wrong data.
 */
class BadSafeTensorsTest {
    @TempDir
    Path dir;

    private static final String OK_ENTRY = "{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8]}";

    /** A file with the given header (its true length declared) and {@code dataBytes} zero bytes. */
    private Path file(String name, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return raw(name, h.length, h, new byte[dataBytes]);
    }

    private Path raw(String name, long declaredHeaderLength, byte[] header, byte[] data) throws IOException {
        Path p = dir.resolve(name);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredHeaderLength).put(header).put(data);
        Files.write(p, b.array());
        return p;
    }

    /** Opening fails with one line naming the file and each of {@code mustName}. */
    private static BadInputException rejects(Path p, String... mustName) {
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(BadInputException.class, () -> SafeTensorsFile.open(p).close()));
        assertNamed(e, p.getFileName().toString(), mustName);
        return e;
    }

    private static void assertNamed(BadInputException e, String file, String... mustName) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.contains(file), "names the file " + file + ": " + m);
        for (String s : mustName) assertTrue(m.contains(s), "names " + s + ": " + m);
    }

    @Test
    void truncatedData() throws IOException {
        Path p = dir.resolve("cut.safetensors");
        new SafeTensorsWriter().add("a.weight", DType.F32, new long[] {4}, TensorSource.zeros())
                .add("z.weight", DType.F32, new long[] {4}, TensorSource.zeros()).write(p);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(p) - 5);
        }
        rejects(p, "z.weight", "truncated");
    }

    @Test
    void headerLengthPastTheEnd() throws IOException {
        rejects(raw("long.safetensors", 1000, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]), "1000");
    }

    @Test
    void headerLengthZeroOrNegative() throws IOException {
        rejects(raw("zero.safetensors", 0, "{}      ".getBytes(StandardCharsets.UTF_8), new byte[0]), "header length 0");
        rejects(raw("neg.safetensors", -8, "{}      ".getBytes(StandardCharsets.UTF_8), new byte[0]), "header length");
    }

    @Test
    void tooShortFiles() throws IOException {
        Path three = dir.resolve("three.safetensors");
        Files.write(three, new byte[] {1, 2, 3});
        rejects(three, "3 bytes");
        Path empty = dir.resolve("empty.safetensors");
        Files.write(empty, new byte[0]);
        rejects(empty, "0 bytes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "notjson    | {\"a\": [1, 2",
        "array      | [1, 2, 3]",
        "trailing   | {\"t\":" + OK_ENTRY + "} trailing garbage",
        "notutf8    | {\"t\\u00ff\":" + OK_ENTRY + "}",
    })
    void headerThatIsNotOneJsonObject(String name, String header) throws IOException {
        if (name.equals("notutf8")) {
            byte[] h = header.replace("\\u00ff", "x").getBytes(StandardCharsets.UTF_8);
            h[3] = (byte) 0xFF;   // the 'x' of "tx": a byte that is never valid UTF-8
            rejects(raw(name + ".safetensors", h.length, h, new byte[8]), "UTF-8");
            return;
        }
        rejects(file(name + ".safetensors", header, 8), "header");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // name           | entry of tensor "bad.weight"                                                   | must also name
        "outside          | {\"dtype\":\"U8\",\"shape\":[16],\"data_offsets\":[0,16]}                        | outside",
        "hugeoffset       | {\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,18446744073709551624]}       | data_offsets",
        "negative         | {\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[-4,0]}                         | data_offsets",
        "reversed         | {\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[8,4]}                          | data_offsets",
        "oneoffset        | {\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[8]}                            | data_offsets",
        "floatoffset      | {\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8.0]}                        | data_offsets",
        "unknowndtype     | {\"dtype\":\"F8_E9M9\",\"shape\":[8],\"data_offsets\":[0,8]}                     | F8_E9M9",
        "nodtype          | {\"shape\":[8],\"data_offsets\":[0,8]}                                           | dtype",
        "sizemismatch     | {\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}                         | 12 bytes",
        "negativedim      | {\"dtype\":\"U8\",\"shape\":[-1,-8],\"data_offsets\":[0,8]}                      | shape",
        "fractionaldim    | {\"dtype\":\"U8\",\"shape\":[2.5],\"data_offsets\":[0,8]}                        | shape",
        "stringdim        | {\"dtype\":\"U8\",\"shape\":[\"8\"],\"data_offsets\":[0,8]}                       | shape",
        "hugedim          | {\"dtype\":\"U8\",\"shape\":[18446744073709551624],\"data_offsets\":[0,8]}        | shape",
        "overflowingshape | {\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}     | shape",
        "noshape          | {\"dtype\":\"U8\",\"data_offsets\":[0,8]}                                        | shape",
        "notobject        | [1,2]                                                                            | entry",
    })
    void badTensorEntries(String name, String entry, String detail) throws IOException {
        rejects(file(name + ".safetensors", "{\"__metadata__\":{\"format\":\"pt\"},\"bad.weight\":" + entry + "}", 8),
                "bad.weight", detail);
    }

    @Test
    void overlappingTensors() throws IOException {
        String h = "{\"first.weight\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8]},"
                + "\"second.weight\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[4,12]}}";
        rejects(file("overlap.safetensors", h, 12), "first.weight", "second.weight", "overlap");
    }

    @Test
    void duplicateTensorNames() throws IOException {
        rejects(file("dup.safetensors", "{\"dup.weight\":" + OK_ENTRY + ",\"dup.weight\":" + OK_ENTRY + "}", 8),
                "dup.weight");
    }

    @Test
    void metadataThatIsNotAnObject() throws IOException {
        rejects(file("meta.safetensors", "{\"__metadata__\":[1],\"t\":" + OK_ENTRY + "}", 8), "__metadata__");
    }

    @Test
    void theValidBaselineOpens() throws IOException {
        try (SafeTensorsFile f = SafeTensorsFile.open(file("ok.safetensors", "{\"t\":" + OK_ENTRY + "}", 8))) {
            assertEquals(8, f.tensor("t").toByteArray().length);
        }
    }

    // ---- checkpoint folders ----

    private Path sharded(String indexJson) throws IOException {
        Path d = Files.createDirectories(dir.resolve("ckpt"));
        new SafeTensorsWriter().add("a.weight", DType.U8, new long[] {4}, TensorSource.zeros())
                .write(d.resolve("model-00001-of-00002.safetensors"));
        new SafeTensorsWriter().add("b.weight", DType.U8, new long[] {4}, TensorSource.zeros())
                .write(d.resolve("model-00002-of-00002.safetensors"));
        Files.writeString(d.resolve(Checkpoint.INDEX), indexJson);
        return d;
    }

    private static BadInputException rejectsFolder(Path d, String file, String... mustName) {
        BadInputException e = assertThrows(BadInputException.class, () -> Checkpoint.open(d).close());
        assertNamed(e, file, mustName);
        return e;
    }

    @Test
    void missingTensorRequestedFromACheckpoint() throws IOException {
        Path d = Files.createDirectories(dir.resolve("single"));
        new SafeTensorsWriter().add("a.weight", DType.U8, new long[] {4}, TensorSource.zeros())
                .write(d.resolve(Checkpoint.SINGLE));
        try (Checkpoint c = Checkpoint.open(d)) {
            assertNamed(assertThrows(BadInputException.class, () -> c.tensor("lm_head.weight")), "single", "lm_head.weight");
            assertNamed(assertThrows(BadInputException.class, () -> c.info("lm_head.weight")), "single", "lm_head.weight");
        }
    }

    @Test
    void shardListedInTheIndexButAbsent() throws IOException {
        Path d = sharded("{\"metadata\":{\"total_size\":8},\"weight_map\":{\"a.weight\":\"model-00001-of-00002.safetensors\","
                + "\"c.weight\":\"model-00003-of-00003.safetensors\"}}");
        rejectsFolder(d, Checkpoint.INDEX, "model-00003-of-00003.safetensors");
    }

    @Test
    void indexNamingATensorAbsentFromItsShard() throws IOException {
        Path d = sharded("{\"weight_map\":{\"a.weight\":\"model-00001-of-00002.safetensors\","
                + "\"b.weight\":\"model-00001-of-00002.safetensors\"}}");
        rejectsFolder(d, "model-00001-of-00002.safetensors", "b.weight");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"weight_map\": {\"a.weight\": \"model-0000 | JSON",
        "{\"metadata\": {\"total_size\": 8}}           | weight_map",
        "{\"weight_map\": []}                          | weight_map",
        "{\"weight_map\": {}}                          | weight_map",
        "[]                                            | weight_map",
        "{\"weight_map\": {\"a.weight\": 3}}           | a.weight",
        "{\"weight_map\": {\"a.weight\": \"../x.safetensors\"} } | ../x.safetensors",
    })
    void badIndex(String index, String detail) throws IOException {
        rejectsFolder(sharded(index), Checkpoint.INDEX, detail);
    }

    @Test
    void folderWithoutWeights() throws IOException {
        Path d = Files.createDirectories(dir.resolve("nothing"));
        rejectsFolder(d, "nothing", Checkpoint.SINGLE);
        rejectsFolder(d.resolve("absent"), "absent");
    }
}
