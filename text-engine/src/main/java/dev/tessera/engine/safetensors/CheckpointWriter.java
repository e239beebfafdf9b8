package dev.tessera.engine.safetensors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.engine.TesseraException;
import dev.tessera.engine.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the weights of a Hugging Face model folder: a single {@code model.safetensors}, or shards
 * {@code model-0000k-of-0000n.safetensors} plus {@code model.safetensors.index.json} when the tensors do
 * not fit in one shard of {@link #maxShardBytes} - the layout {@link Checkpoint#open} reads.
 *
 * <p>Shards are cut as transformers' {@code save_pretrained} cuts them: tensors in the order they were added
 * (module order), a new shard whenever the next tensor would push the current one past the limit, and a
 * tensor larger than the limit alone in its own shard. The default limit is HF's "5GB" (decimal).
 */
public final class CheckpointWriter {
    public static final long DEFAULT_MAX_SHARD_BYTES = 5_000_000_000L;
    private static final Pattern SHARD_NAME = Pattern.compile("model-\\d{5}-of-\\d{5}\\.safetensors");

    private final Map<String, PendingTensor> tensors = new LinkedHashMap<>();
    private long maxShardBytes = DEFAULT_MAX_SHARD_BYTES;
    private boolean forceSharding;

    /** Tensor bytes per shard at most (a single larger tensor still gets a shard of its own). */
    public CheckpointWriter maxShardBytes(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("shard size must be positive, got " + bytes);
        this.maxShardBytes = bytes;
        return this;
    }

    /** Write an index and {@code model-0000k-of-0000n} names even when everything fits in one shard. */
    public CheckpointWriter forceSharding(boolean force) {
        this.forceSharding = force;
        return this;
    }

    public CheckpointWriter add(String name, DType dtype, long[] shape, TensorSource source) {
        PendingTensor t = new PendingTensor(name, dtype, shape, source);
        if (tensors.putIfAbsent(name, t) != null) throw new IllegalArgumentException("tensor " + name + " added twice");
        return this;
    }

    public long totalBytes() {
        long n = 0;
        for (PendingTensor t : tensors.values()) n += t.bytes();
        return n;
    }

    /** The tensor names of each shard, in the order they were added. */
    public List<List<String>> shardPlan() {
        List<List<String>> shards = new ArrayList<>();
        List<String> current = new ArrayList<>();
        long size = 0;
        for (PendingTensor t : tensors.values()) {
            if (!current.isEmpty() && size + t.bytes() > maxShardBytes) {
                shards.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(t.name());
            size += t.bytes();
        }
        if (!current.isEmpty() || shards.isEmpty()) shards.add(current);
        return shards;
    }

    /** The file names {@link #write} will produce, weights only (the index is extra when sharded). */
    public List<String> fileNames() {
        int n = shardPlan().size();
        if (n == 1 && !forceSharding) return List.of(Checkpoint.SINGLE);
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= n; k++) names.add(String.format("model-%05d-of-%05d.safetensors", k, n));
        return names;
    }

    /**
     * Writes every shard, then the index (so a folder with an index always has all its shards), then removes
     * weight files of an earlier, different layout that {@link Checkpoint#open} would otherwise pick up.
     */
    public List<Path> write(Path dir, ProgressListener progress) {
        List<List<String>> plan = shardPlan();
        List<String> names = fileNames();
        long total = totalBytes(), done = 0;
        List<Path> written = new ArrayList<>();
        Map<String, String> weightMap = new TreeMap<>();
        for (int k = 0; k < plan.size(); k++) {
            SafeTensorsWriter w = new SafeTensorsWriter();
            for (String name : plan.get(k)) {
                w.add(tensors.get(name));
                weightMap.put(name, names.get(k));
            }
            Path file = dir.resolve(names.get(k));
            w.write(file, progress.offset(done, total));
            done += w.dataBytes();
            written.add(file);
        }
        if (!names.equals(List.of(Checkpoint.SINGLE))) {
            ObjectNode index = JsonNodeFactory.instance.objectNode();
            index.putObject("metadata").put("total_size", total);
            ObjectNode map = index.putObject("weight_map");
            weightMap.forEach(map::put);
            Path indexFile = dir.resolve(Checkpoint.INDEX);
            AtomicWrite.json(indexFile, index);
            written.add(indexFile);
        }
        removeStale(dir, written);
        return written;
    }

    private static void removeStale(Path dir, List<Path> keep) {
        Set<Path> keepSet = new HashSet<>();
        for (Path p : keep) keepSet.add(p.getFileName());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                boolean weights = n.equals(Checkpoint.SINGLE) || n.equals(Checkpoint.INDEX) || SHARD_NAME.matcher(n).matches();
                if (weights && !keepSet.contains(p.getFileName())) Files.delete(p);
            }
        } catch (IOException e) {
            throw new TesseraException(dir + ": cannot remove old weight files (" + e.getMessage() + ")", e);
        }
    }
}
