package dev.tessera.engine.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal GGUF v3 reader for tests, written from ggml's docs/gguf.md independently of {@link GgufWriter}:
 * header, every key-value (scalars as Long/Float/Boolean/String, arrays as List), tensor infos, data offset.
 */
final class GgufReader implements AutoCloseable {
    record Info(String name, long[] dims, int type, long offset) {}

    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final Arena arena = Arena.ofShared();
    final MemorySegment file;
    final int magic, version;
    final Map<String, Object> kv = new LinkedHashMap<>();
    final Map<String, Info> tensors = new LinkedHashMap<>();
    final long dataStart;
    private long pos;

    GgufReader(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            file = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        }
        magic = file.get(I32, 0);
        version = file.get(I32, 4);
        long nTensors = file.get(I64, 8), nKv = file.get(I64, 16);
        pos = 24;
        for (long i = 0; i < nKv; i++) {
            String key = string();
            kv.put(key, value(u32()));
        }
        for (long i = 0; i < nTensors; i++) {
            String name = string();
            long[] dims = new long[u32()];
            for (int d = 0; d < dims.length; d++) dims[d] = u64();
            tensors.put(name, new Info(name, dims, u32(), u64()));
        }
        long align = ((Number) kv.getOrDefault("general.alignment", 32L)).longValue();
        headerEnd = pos;
        dataStart = (pos + align - 1) / align * align;
    }

    final long headerEnd;

    MemorySegment data(String name, long bytes) {
        return file.asSlice(dataStart + tensors.get(name).offset(), bytes);
    }

    private Object value(int type) {
        return switch (type) {
            case 0, 1 -> (long) file.get(ValueLayout.JAVA_BYTE, pos++);
            case 4 -> (long) u32();
            case 5 -> { long v = file.get(I32, pos); pos += 4; yield v; }
            case 6 -> { float v = file.get(F32, pos); pos += 4; yield v; }
            case 7 -> file.get(ValueLayout.JAVA_BYTE, pos++) != 0;
            case 8 -> string();
            case 9 -> {
                int elem = u32();
                long n = u64();
                List<Object> list = new ArrayList<>();
                for (long i = 0; i < n; i++) list.add(value(elem));
                yield list;
            }
            case 10, 11 -> u64();
            default -> throw new IllegalStateException("value type " + type + " at " + pos);
        };
    }

    private int u32() {
        int v = file.get(I32, pos);
        pos += 4;
        return v;
    }

    private long u64() {
        long v = file.get(I64, pos);
        pos += 8;
        return v;
    }

    private String string() {
        int n = (int) u64();
        byte[] b = file.asSlice(pos, n).toArray(ValueLayout.JAVA_BYTE);
        pos += n;
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        arena.close();
    }
}
