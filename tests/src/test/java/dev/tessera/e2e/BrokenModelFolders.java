package dev.tessera.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Copies of the tiny-mllama fixture with one file broken. Unchanged files are symbolic links to the fixture (its
 * safetensors file is 25 MB; a copy per case would be wasteful); the broken file is written in its place.
 */
final class BrokenModelFolders {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path fixture;
    private final Path root;
    private byte[] weights;     // the fixture's model.safetensors, read once
    private ObjectNode header;  // its JSON header
    private int dataStart;      // where its tensor bytes begin

    BrokenModelFolders(Path fixture, Path root) {
        this.fixture = fixture;
        this.root = root;
    }

    /** A folder named {@code name} linking every fixture file except {@code replaced}. */
    Path folder(String name, String... replaced) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        try (var files = Files.list(fixture)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (Files.isRegularFile(f) && !Arrays.asList(replaced).contains(n)) Files.createSymbolicLink(dir.resolve(n), f);
            }
        }
        return dir;
    }

    /** A folder whose JSON file {@code file} is the fixture's, changed by {@code edit}. */
    Path withJson(String name, String file, Consumer<ObjectNode> edit) throws IOException {
        Path dir = folder(name, file);
        ObjectNode node = (ObjectNode) JSON.readTree(fixture.resolve(file).toFile());
        edit.accept(node);
        Files.write(dir.resolve(file), JSON.writeValueAsBytes(node));
        return dir;
    }

    /** A folder whose {@code file} holds {@code bytes}. */
    Path withBytes(String name, String file, byte[] bytes) throws IOException {
        Path dir = folder(name, file);
        Files.write(dir.resolve(file), bytes);
        return dir;
    }

    /** A folder whose model.safetensors has the fixture's tensor bytes under a header changed by {@code edit}. */
    Path withHeader(String name, Consumer<ObjectNode> edit) throws IOException {
        load();
        ObjectNode h = header.deepCopy();
        edit.accept(h);
        return withBytes(name, "model.safetensors", safetensors(JSON.writeValueAsBytes(h), -1));
    }

    /** A folder whose model.safetensors claims a header of {@code claimedLength} bytes. */
    Path withHeaderLength(String name, long claimedLength) throws IOException {
        load();
        return withBytes(name, "model.safetensors", safetensors(JSON.writeValueAsBytes(header), claimedLength));
    }

    /** The fixture's header: tensor name to {dtype, shape, data_offsets}, with "__metadata__". */
    ObjectNode header() throws IOException {
        load();
        return header.deepCopy();
    }

    /** The name of the first tensor whose name contains {@code part}. */
    String tensor(String part) throws IOException {
        load();
        for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (n.contains(part)) return n;
        }
        throw new IllegalArgumentException("no tensor named like " + part);
    }

    static JsonNode at(ObjectNode node, String path) {
        JsonNode n = node;
        for (String p : path.split("\\.")) n = n.get(p);
        return n;
    }

    private byte[] safetensors(byte[] json, long claimedLength) {
        int padded = (json.length + 7) & ~7;
        byte[] data = Arrays.copyOfRange(weights, dataStart, weights.length);
        ByteBuffer out = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(claimedLength >= 0 ? claimedLength : padded).put(json);
        for (int i = json.length; i < padded; i++) out.put((byte) ' ');
        return out.put(data).array();
    }

    private void load() throws IOException {
        if (weights != null) return;
        weights = Files.readAllBytes(fixture.resolve("model.safetensors"));
        long n = ByteBuffer.wrap(weights, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        header = (ObjectNode) JSON.readTree(new String(weights, 8, (int) n, StandardCharsets.UTF_8));
        dataStart = 8 + (int) n;
    }
}
