package dev.tessera.engine.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The key-value section of a GGUF file, encoded as it is added (keys in the order given, as llama.cpp's converter
 * writes them). Value type numbers are {@code enum gguf_type} of ggml's gguf.h. The encoded section is small next to
 * the tensors (the Llama 3 vocabulary and merges are about 8 MB), so it is built in memory.
 */
public final class GgufMetadata {
    static final int UINT32 = 4, INT32 = 5, FLOAT32 = 6, BOOL = 7, STRING = 8, ARRAY = 9;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int count;

    public GgufMetadata putString(String key, String value) {
        key(key, STRING);
        string(value);
        return this;
    }

    public GgufMetadata putU32(String key, long value) {
        key(key, UINT32);
        u32(value);
        return this;
    }

    public GgufMetadata putF32(String key, float value) {
        key(key, FLOAT32);
        u32(Float.floatToRawIntBits(value) & 0xFFFFFFFFL);
        return this;
    }

    public GgufMetadata putBool(String key, boolean value) {
        key(key, BOOL);
        out.write(value ? 1 : 0);
        return this;
    }

    public GgufMetadata putStrings(String key, List<String> values) {
        key(key, ARRAY);
        u32(STRING);
        u64(values.size());
        for (String s : values) string(s);
        return this;
    }

    public GgufMetadata putI32s(String key, int[] values) {
        key(key, ARRAY);
        u32(INT32);
        u64(values.length);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) b.putInt(v);
        out.writeBytes(b.array());
        return this;
    }

    public int count() {
        return count;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private void key(String key, int type) {
        count++;
        string(key);
        u32(type);
    }

    private void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u64(b.length);
        out.writeBytes(b);
    }

    private void u32(long v) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    }

    private void u64(long v) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }
}
