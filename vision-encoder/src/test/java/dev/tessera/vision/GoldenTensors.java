package dev.tessera.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Minimal safetensors reader for the golden F32 tensors: 8-byte little-endian header length, a JSON header of
 * {@code name -> {dtype, shape, data_offsets}} with offsets relative to the end of the header, then the data.
 * Test-only; the engine's reader is {@code dev.tessera.engine.safetensors.SafeTensorsFile}.
 */
public final class GoldenTensors {
    /** A float32 tensor: its shape and its values in row-major order. */
    public record Tensor(long[] shape, float[] values) {
    }

    private GoldenTensors() {
    }

    public static Map<String, Tensor> readF32(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int dataStart = Math.toIntExact(8 + headerLength);
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        Map<String, Tensor> tensors = new HashMap<>();
        for (var entry : header.properties()) {
            if (entry.getKey().equals("__metadata__")) continue;
            JsonNode info = entry.getValue();
            if (!info.get("dtype").asText().equals("F32")) {
                throw new IOException(file + ": tensor " + entry.getKey() + " is " + info.get("dtype") + ", expected F32");
            }
            long[] shape = new long[info.get("shape").size()];
            for (int i = 0; i < shape.length; i++) shape[i] = info.get("shape").get(i).asLong();
            int begin = dataStart + info.get("data_offsets").get(0).asInt();
            int end = dataStart + info.get("data_offsets").get(1).asInt();
            float[] values = new float[(end - begin) / 4];
            ByteBuffer.wrap(bytes, begin, end - begin).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            tensors.put(entry.getKey(), new Tensor(shape, values));
        }
        return tensors;
    }
}
