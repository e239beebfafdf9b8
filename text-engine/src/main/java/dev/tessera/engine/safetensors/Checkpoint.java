package dev.tessera.engine.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.tensor.MatrixOverlay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The weights of a Hugging Face model folder: a single {@code model.safetensors}, or shards
 * {@code model-0000k-of-0000n.safetensors} listed by {@code model.safetensors.index.json}.
 * Every tensor is looked up by its checkpoint name, so a missing tensor names itself.
 */
public final class Checkpoint implements AutoCloseable {
    public static final String SINGLE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";

    private final Path dir;
    private final List<SafeTensorsFile> files;
    private final Map<String, SafeTensorsFile> byTensor;
    private MatrixOverlay overlay; // e.g. quantized copies of the large matrices; closed with the checkpoint
    private PageWarmer warmer;     // null unless keepWarm was called

    private Checkpoint(Path dir, List<SafeTensorsFile> files, Map<String, SafeTensorsFile> byTensor) {
        this.dir = dir;
        this.files = files;
        this.byTensor = byTensor;
    }

    public static boolean looksLikeCheckpoint(Path dir) {
        return Files.isRegularFile(dir.resolve(INDEX)) || Files.isRegularFile(dir.resolve(SINGLE));
    }

    public static Checkpoint open(Path dir) {
        if (!Files.isDirectory(dir)) throw new BadInputException(dir + ": not a model folder");
        if (Files.isRegularFile(dir.resolve(INDEX))) return openSharded(dir);
        if (Files.isRegularFile(dir.resolve(SINGLE))) {
            SafeTensorsFile f = SafeTensorsFile.open(dir.resolve(SINGLE));
            Map<String, SafeTensorsFile> map = new LinkedHashMap<>();
            for (String n : f.names()) map.put(n, f);
            return new Checkpoint(dir, List.of(f), map);
        }
        throw new BadInputException(dir + ": no " + SINGLE + " or " + INDEX + " in this folder");
    }

    private static Checkpoint openSharded(Path dir) {
        Map<String, String> weightMap = readWeightMap(dir.resolve(INDEX));
        Map<String, SafeTensorsFile> shards = new TreeMap<>();
        List<SafeTensorsFile> opened = new ArrayList<>();
        try {
            for (String shard : new java.util.TreeSet<>(weightMap.values())) {
                if (shard.contains("/") || shard.contains("\\") || shard.equals("..")) {
                    throw new BadInputException(INDEX + ": shard name " + shard + " is not a plain file name");
                }
                Path p = dir.resolve(shard);
                if (!Files.isRegularFile(p)) {
                    throw new BadInputException(INDEX + ": shard " + shard + " is listed but missing from " + dir);
                }
                SafeTensorsFile f = SafeTensorsFile.open(p);
                opened.add(f);
                shards.put(shard, f);
            }
            Map<String, SafeTensorsFile> byTensor = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                SafeTensorsFile f = shards.get(e.getValue());
                if (!f.has(e.getKey())) {
                    throw new BadInputException(e.getValue() + ": tensor " + e.getKey() + " is listed in " + INDEX
                            + " but missing from the shard");
                }
                byTensor.put(e.getKey(), f);
            }
            return new Checkpoint(dir, Collections.unmodifiableList(opened), byTensor);
        } catch (RuntimeException e) {
            opened.forEach(SafeTensorsFile::close);
            throw e;
        }
    }

    private static Map<String, String> readWeightMap(Path index) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(index.toFile());
        } catch (IOException e) {
            throw new BadInputException(INDEX + ": not valid JSON (" + dev.tessera.engine.JsonProblem.describe(e) + ")");
        }
        JsonNode wm = root == null ? null : root.get("weight_map");
        if (wm == null || !wm.isObject()) throw new BadInputException(INDEX + ": missing \"weight_map\" object");
        Map<String, String> out = new LinkedHashMap<>();
        wm.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new BadInputException(INDEX + ": weight_map entry " + e.getKey() + " is not a file name");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        if (out.isEmpty()) throw new BadInputException(INDEX + ": weight_map is empty");
        return out;
    }

    public Path dir() {
        return dir;
    }

    public Set<String> names() {
        return byTensor.keySet();
    }

    public boolean has(String name) {
        return byTensor.containsKey(name);
    }

    public TensorInfo info(String name) {
        SafeTensorsFile f = byTensor.get(name);
        if (f == null) throw missing(name);
        return f.infos().get(name);
    }

    public TensorView tensor(String name) {
        SafeTensorsFile f = byTensor.get(name);
        if (f == null) throw missing(name);
        return f.tensor(name).withOverlay(overlay);
    }

    /**
     * From now on, {@code tensor(name).asMatrix()} answers {@code overlay}'s matrix where it has one (set it before
     * the model's layers are built). The checkpoint owns the overlay and closes it.
     */
    /** Whether tensor {@code name} is answered by the overlay (its mapped bytes are then unused). */
    boolean replaced(String name) {
        return overlay != null && overlay.matrix(name) != null;
    }

    /**
     * Keeps the mapped weights resident while the model is idle (see {@link PageWarmer}) until the checkpoint is
     * closed. Call after {@link #useOverlay}, so that replaced tensors are left out.
     */
    public void keepWarm(java.time.Duration period) {
        if (warmer != null) warmer.close();
        warmer = PageWarmer.start(this, period);
    }

    public void useOverlay(MatrixOverlay overlay) {
        if (this.overlay != null) this.overlay.close();
        this.overlay = overlay;
    }

    /** Names the file that should have held the tensor: the index of a sharded checkpoint, else the single file. */
    private BadInputException missing(String name) {
        String file = Files.isRegularFile(dir.resolve(INDEX)) ? INDEX : SINGLE;
        return new BadInputException(dir.getFileName() + "/" + file + ": tensor " + name + " is missing from the checkpoint");
    }

    public List<SafeTensorsFile> files() {
        return files;
    }

    /** Total bytes of all tensors. */
    public long totalBytes() {
        long n = 0;
        for (String name : byTensor.keySet()) n += info(name).byteSize();
        return n;
    }

    @Override
    public void close() {
        if (warmer != null) warmer.close();
        if (overlay != null) overlay.close();
        files.forEach(SafeTensorsFile::close);
    }
}
