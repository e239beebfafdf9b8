package dev.tessera.engine.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.kernels.Bf16;
import dev.tessera.engine.tensor.DType;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsWriterTest {
    @TempDir
    Path dir;

    static byte[] bf16(float... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putShort(Bf16.fromFloat(f));
        return b.array();
    }

    static byte[] f16(float... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putShort(Float.floatToFloat16(f));
        return b.array();
    }

    static byte[] f32(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    /** Four dtypes, odd sizes (so the data section would misalign without the element-size ordering). */
    static SafeTensorsWriter sample() {
        return new SafeTensorsWriter()
                .add("b.bf16", DType.BF16, new long[] {3}, bf16(1.5f, -2f, 0.25f))
                .add("a.f32", DType.F32, new long[] {2, 2}, f32(1, -1, 3.5f, 1e-3f))
                .add("c.f16", DType.F16, new long[] {1, 3}, f16(0.5f, 65504f, -7f))
                .add("d.u8", DType.U8, new long[] {5}, new byte[] {0, 1, 2, (byte) 200, (byte) 255})
                .add("e.scalar", DType.F32, new long[] {}, f32(42f));
    }

    @Test
    void roundTripsEveryDtypeThroughTheReader() throws IOException {
        Path file = dir.resolve("model.safetensors");
        sample().write(file);
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertEquals(5, f.names().size());
            assertArrayEquals(new float[] {1.5f, -2f, 0.25f}, f.tensor("b.bf16").toFloatArray());
            assertArrayEquals(new float[] {1, -1, 3.5f, 1e-3f}, f.tensor("a.f32").toFloatArray());
            assertArrayEquals(new long[] {2, 2}, f.tensor("a.f32").shape());
            assertArrayEquals(new float[] {0.5f, 65504f, -7f}, f.tensor("c.f16").toFloatArray());
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 200, (byte) 255}, f.tensor("d.u8").toByteArray());
            assertEquals(42f, f.tensor("e.scalar").scalar());
            assertArrayEquals(new long[] {}, f.tensor("e.scalar").shape());
            for (TensorInfo t : f.infos().values()) {
                assertEquals(0, t.begin() % t.dtype().bytes(), t.name() + " starts aligned to its element size");
            }
        }
        try (Checkpoint c = Checkpoint.open(dir)) {
            assertEquals(DType.F16, c.info("c.f16").dtype());
            assertArrayEquals(new float[] {0.5f, 65504f, -7f}, c.tensor("c.f16").toFloatArray());
        }
    }

    @Test
    void headerIsSpacePaddedToEightBytesAndOrderedBySizeThenName() throws IOException {
        Path file = dir.resolve("x.safetensors");
        SafeTensorsWriter w = sample();
        w.write(file);
        byte[] all = Files.readAllBytes(file);
        long len = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, len % 8, "header length");
        assertEquals(8 + len + w.dataBytes(), all.length, "file = length + header + data");
        String header = new String(all, 8, (int) len, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\"},\"a.f32\":"), header);
        assertTrue(header.stripTrailing().endsWith("}"), header);
        assertTrue(header.indexOf("\"a.f32\"") < header.indexOf("\"e.scalar\"")
                && header.indexOf("\"e.scalar\"") < header.indexOf("\"b.bf16\"")
                && header.indexOf("\"b.bf16\"") < header.indexOf("\"c.f16\"")
                && header.indexOf("\"c.f16\"") < header.indexOf("\"d.u8\""), header);
    }

    /** The Python/Rust safetensors writer produced the fixture; the same tensors must give the same bytes. */
    @Test
    void rewritingTheFixtureReproducesThePythonWriterByteForByte() throws IOException {
        Path fixture = SharedDir.tinyMllama().resolve("model.safetensors");
        Path copy = dir.resolve("copy.safetensors");
        try (SafeTensorsFile f = SafeTensorsFile.open(fixture)) {
            SafeTensorsWriter w = new SafeTensorsWriter();
            for (TensorInfo t : f.infos().values()) {
                var seg = f.tensor(t.name()).segment();
                w.add(t.name(), t.dtype(), t.shape(), (off, dst) -> dst.copyFrom(seg.asSlice(off, dst.byteSize())));
            }
            w.write(copy);
        }
        assertEquals(-1, Files.mismatch(fixture, copy), "first differing byte");
    }

    @Test
    void streamsTensorsLargerThanTheBufferInOrderedWholeElementPieces() throws IOException {
        long n = SafeTensorsWriter.BUFFER_BYTES / 2 + 12_345;   // BF16: crosses a buffer boundary
        AtomicLong expectedOffset = new AtomicLong();
        TensorSource counting = (off, dst) -> {
            assertEquals(expectedOffset.get(), off, "pieces in order");
            assertEquals(0, off % 2);
            assertEquals(0, dst.byteSize() % 2);
            for (long i = 0; i < dst.byteSize() / 2; i++) {
                dst.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, (short) (off / 2 + i));
            }
            expectedOffset.addAndGet(dst.byteSize());
        };
        List<long[]> seen = new java.util.ArrayList<>();
        Path file = dir.resolve("big.safetensors");
        new SafeTensorsWriter()
                .add("big", DType.BF16, new long[] {n}, counting)
                .add("small", DType.U8, new long[] {3}, new byte[] {7, 8, 9})
                .write(file, (done, total) -> seen.add(new long[] {done, total}));
        assertEquals(2 * n, expectedOffset.get());
        assertEquals(2 * n + 3, seen.getLast()[0], "progress ends at the total");
        for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i)[0] >= seen.get(i - 1)[0], "progress grows");
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            var big = f.tensor("big").segment();
            for (long i : new long[] {0, 1, n / 2, n - 1}) {
                assertEquals((short) i, big.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i), "element " + i);
            }
            assertArrayEquals(new byte[] {7, 8, 9}, f.tensor("small").toByteArray());
        }
    }

    @Test
    void aFailingSourceLeavesNeitherTheTargetNorATemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensorsWriter w = new SafeTensorsWriter().add("t", DType.F32, new long[] {4}, (off, dst) -> {
            throw new IllegalStateException("generator broke");
        });
        assertThrows(IllegalStateException.class, () -> w.write(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    /** A model folder must be readable as the umask allows, not private like Files.createTempFile's 0600. */
    @Test
    void writtenFilesGetTheUsualPermissions() throws IOException {
        Path file = dir.resolve("model.safetensors"), plain = Files.createFile(dir.resolve("plain"));
        sample().write(file);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
        }
    }

    @Test
    void rejectsDuplicateNamesAndWrongSizes() {
        SafeTensorsWriter w = new SafeTensorsWriter().add("t", DType.U8, new long[] {1}, new byte[1]);
        assertThrows(IllegalArgumentException.class, () -> w.add("t", DType.U8, new long[] {1}, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> w.add("u", DType.F32, new long[] {2}, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> w.add("__metadata__", DType.U8, new long[] {1}, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> w.add("v", DType.U8, new long[] {-1}, TensorSource.zeros()));
    }

    @Test
    void anEmptyFileHasOnlyTheMetadata() {
        Path file = dir.resolve("empty.safetensors");
        new SafeTensorsWriter().add("z", DType.F32, new long[] {0, 3}, TensorSource.zeros()).write(file);
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            assertEquals(0, f.dataBytes());
            assertArrayEquals(new long[] {0, 3}, f.tensor("z").shape());
        }
        assertFalse(Files.exists(dir.resolve("model.safetensors")));
    }
}
