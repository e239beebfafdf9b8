package dev.tessera.engine.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.tensor.DType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A memory-mapped safetensors file: an 8-byte little-endian header length, a JSON header, then raw data.
 *
 * <p>The whole file is mapped once with {@code FileChannel.map(..., Arena)} (no 2 GiB limit); tensors are
 * read in place and never copied onto the heap whole. The header is validated strictly before anything is
 * read, because safetensors promises that loading an untrusted file cannot crash or corrupt the reader:
 * every tensor's byte span must equal shape x dtype size, lie inside the file and not overlap another.
 */
public final class SafeTensorsFile implements AutoCloseable {
    /** Headers of real checkpoints are well under 1 MiB; refuse absurd lengths before allocating. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // the header is exactly one object (then space padding); text after it means a corrupt file
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path path;
    private final Arena arena;
    private final MemorySegment data;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafeTensorsFile(Path path, Arena arena, MemorySegment data, Map<String, TensorInfo> tensors,
                            Map<String, String> metadata) {
        this.path = path;
        this.arena = arena;
        this.data = data;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    public static SafeTensorsFile open(Path path) {
        String name = path.getFileName().toString();
        long fileSize;
        try {
            fileSize = Files.size(path);
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read (" + e.getMessage() + ")");
        }
        if (fileSize < 8) throw bad(name, "file is " + fileSize + " bytes, shorter than the 8-byte header length");
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment whole = ch.map(FileChannel.MapMode.READ_ONLY, 0, fileSize, arena);
            long headerLen = whole.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (headerLen <= 0) throw bad(name, "header length " + headerLen + " is not positive (corrupt file)");
            if (headerLen > fileSize - 8) {
                throw bad(name, "header length " + headerLen + " points past the end of the " + fileSize + "-byte file");
            }
            if (headerLen > MAX_HEADER_BYTES) throw bad(name, "header length " + headerLen + " is implausibly large");
            byte[] header = whole.asSlice(8, headerLen).toArray(ValueLayout.JAVA_BYTE);
            MemorySegment data = whole.asSlice(8 + headerLen);
            Map<String, String> meta = new LinkedHashMap<>();
            Map<String, TensorInfo> tensors = parseHeader(name, header, data.byteSize(), meta);
            return new SafeTensorsFile(path, arena, data, tensors, meta);
        } catch (BadInputException e) {
            arena.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw new BadInputException(name + ": cannot read safetensors file (" + e.getMessage() + ")", e);
        }
    }

    static Map<String, TensorInfo> parseHeader(String file, byte[] header, long dataSize, Map<String, String> metaOut) {
        String text;
        try {
            // Strict decoding: a lenient one would turn bad bytes into U+FFFD and silently rename tensors.
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(header)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw bad(file, "header is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw bad(file, "header is not valid JSON (" + dev.tessera.engine.JsonProblem.describe(e) + ")");
        }
        if (root == null || !root.isObject()) throw bad(file, "header is not a JSON object");
        Map<String, TensorInfo> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String tname = e.getKey();
            JsonNode v = e.getValue();
            if (tname.equals("__metadata__")) {
                if (!v.isObject()) throw bad(file, "__metadata__ is not an object");
                v.fields().forEachRemaining(m -> metaOut.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            out.put(tname, parseEntry(file, tname, v, dataSize));
        }
        checkNoOverlap(file, out.values());
        return Collections.unmodifiableMap(out);
    }

    private static TensorInfo parseEntry(String file, String tname, JsonNode v, long dataSize) {
        String where = "tensor " + tname;
        if (!v.isObject()) throw bad(file, where + ": entry is not an object");
        JsonNode dt = v.get("dtype"), sh = v.get("shape"), off = v.get("data_offsets");
        if (dt == null || !dt.isTextual()) throw bad(file, where + ": missing dtype");
        DType dtype = DType.parse(dt.asText()).orElseThrow(() -> bad(file, where + ": unknown dtype " + dt.asText()));
        if (sh == null || !sh.isArray()) throw bad(file, where + ": missing shape");
        long[] shape = new long[sh.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw bad(file, where + ": shape " + sh + " is not a list of non-negative integers");
            }
            shape[i] = d.asLong();
            try {
                elements = Math.multiplyExact(elements, shape[i]);
            } catch (ArithmeticException ex) {
                throw bad(file, where + ": shape " + sh + " is too large");
            }
        }
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber()
                || !off.get(1).isIntegralNumber() || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()) {
            throw bad(file, where + ": data_offsets must be [begin, end]");
        }
        long begin = off.get(0).asLong(), end = off.get(1).asLong();
        if (begin < 0 || end < begin) throw bad(file, where + ": data_offsets [" + begin + ", " + end + "] are invalid");
        if (end > dataSize) {
            throw bad(file, where + ": data_offsets [" + begin + ", " + end + "] lie outside the "
                    + dataSize + "-byte data section (file truncated?)");
        }
        long expected;
        try {
            expected = Math.multiplyExact(elements, dtype.bytes());
        } catch (ArithmeticException ex) {
            throw bad(file, where + ": shape " + sh + " is too large");
        }
        if (end - begin != expected) {
            throw bad(file, where + ": shape " + sh + " x " + dtype + " needs " + expected + " bytes but data_offsets span "
                    + (end - begin));
        }
        return new TensorInfo(tname, dtype, shape, begin, end);
    }

    private static void checkNoOverlap(String file, java.util.Collection<TensorInfo> infos) {
        List<TensorInfo> sorted = new ArrayList<>(infos);
        sorted.removeIf(t -> t.byteSize() == 0);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo a = sorted.get(i - 1), b = sorted.get(i);
            if (b.begin() < a.end()) {
                throw bad(file, "tensors " + a.name() + " and " + b.name() + " overlap (bytes " + b.begin() + ".."
                        + Math.min(a.end(), b.end()) + ")");
            }
        }
    }

    private static BadInputException bad(String file, String problem) {
        return new BadInputException(file + ": " + problem);
    }

    public Path path() {
        return path;
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    public Map<String, TensorInfo> infos() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** The tensor, read in place. */
    public TensorView tensor(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) throw bad(path.getFileName().toString(), "tensor " + name + " is missing");
        return new TensorView(info, data.asSlice(info.begin(), info.byteSize()), path);
    }

    /** Total bytes of tensor data. */
    public long dataBytes() {
        return data.byteSize();
    }

    @Override
    public void close() {
        arena.close();
    }
}
