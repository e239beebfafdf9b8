package dev.tessera.engine.quant;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.TesseraException;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.ProgressListener;
import dev.tessera.engine.safetensors.SafeTensorsFile;
import dev.tessera.engine.safetensors.SafeTensorsWriter;
import dev.tessera.engine.safetensors.TensorInfo;
import dev.tessera.engine.safetensors.TensorView;
import dev.tessera.engine.tensor.BlockQuantizer;
import dev.tessera.engine.tensor.DType;
import dev.tessera.engine.tensor.MatrixOverlay;
import dev.tessera.engine.tensor.Q4Matrix;
import dev.tessera.engine.tensor.Q8Matrix;
import dev.tessera.engine.tensor.Quantization;
import dev.tessera.engine.tensor.WeightMatrix;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The quantized copies of a checkpoint's large matrices ({@link QuantPlan}), made on load. With a cache folder
 * they are written once to {@code <cache>/<model key>/<quant>.safetensors} (each matrix a U8 tensor of shape
 * [rows, blocks, block bytes] holding llama.cpp's blocks): the next start reads them instead of quantizing
 * again. Either way the blocks live in process memory, which stays resident while the model is idle. The file records the source files' names, sizes and modification times;
 * a cache that does not match them, or that fails the strict safetensors checks, is rebuilt. Without a cache
 * folder they are made on every start.
 */
public final class QuantizedWeights implements MatrixOverlay {
    static final String FORMAT = "tessera-quantized-1";
    private final Map<String, WeightMatrix> matrices;
    private final Map<String, MemorySegment> segments; // each matrix's blocks
    private final AutoCloseable storage;
    private final boolean fromCache;
    private final long bytes;

    private QuantizedWeights(Map<String, WeightMatrix> matrices, Map<String, MemorySegment> segments, AutoCloseable storage,
                             boolean fromCache) {
        this.matrices = matrices;
        this.segments = segments;
        this.storage = storage;
        this.fromCache = fromCache;
        long n = 0;
        for (WeightMatrix m : matrices.values()) n += m.storageBytes();
        this.bytes = n;
    }

    /**
     * Quantizes ckpt's planned matrices to {@code q} (or maps them from the cache) and makes the checkpoint use
     * them. Nothing happens for BF16.
     *
     * @param cacheRoot folder of quantized-model caches, or null for no cache
     * @return the weights (also owned and closed by the checkpoint), or null for BF16
     */
    public static QuantizedWeights attach(Checkpoint ckpt, Quantization q, Path cacheRoot, ProgressListener progress) {
        Map<String, Quantization> plan = QuantPlan.of(ckpt, q);
        if (plan.isEmpty()) return null;
        QuantizedWeights w = cacheRoot == null ? inMemory(ckpt, plan, progress) : cached(ckpt, q, plan, cacheRoot, progress);
        ckpt.useOverlay(w);
        return w;
    }

    public boolean fromCache() {
        return fromCache;
    }

    /** Bytes of all quantized matrices. */
    public long bytes() {
        return bytes;
    }

    public int size() {
        return matrices.size();
    }

    @Override
    public WeightMatrix matrix(String name) {
        return matrices.get(name);
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception e) {
            throw new TesseraException("closing the quantized weights: " + e.getMessage(), e);
        }
    }

    private static QuantizedWeights inMemory(Checkpoint ckpt, Map<String, Quantization> plan, ProgressListener progress) {
        Arena arena = Arena.ofShared();
        Map<String, WeightMatrix> out = new HashMap<>();
        Map<String, MemorySegment> segs = new HashMap<>();
        long total = totalBytes(ckpt, plan), done = 0;
        progress.progress(0, total);
        for (var e : plan.entrySet()) {
            TensorView t = ckpt.tensor(e.getKey());
            int rows = (int) t.shape()[0], cols = (int) t.shape()[1];
            long rowBytes = e.getValue().rowBytes(cols);
            MemorySegment seg = arena.allocate(rows * rowBytes, 64);
            quantizeRows(t, e.getValue(), 0, rows, seg, 0);
            out.put(e.getKey(), matrix(e.getKey(), e.getValue(), seg, rows, cols));
            segs.put(e.getKey(), seg);
            progress.progress(done += rows * rowBytes, total);
        }
        return new QuantizedWeights(out, segs, arena::close, false);
    }

    private static QuantizedWeights cached(Checkpoint ckpt, Quantization q, Map<String, Quantization> plan, Path cacheRoot,
                                           ProgressListener progress) {
        Path file = CacheKey.file(cacheRoot, ckpt, q);
        String stamp = CacheKey.stamp(ckpt, q);
        if (Files.isRegularFile(file)) {
            QuantizedWeights w = tryOpen(file, stamp, ckpt, plan);
            if (w != null) return w;
        }
        QuantizedWeights made = inMemory(ckpt, plan, progress);
        String why = cannotSave(file, totalBytes(ckpt, plan));
        if (why != null) {
            // The model runs all the same; only the next start is slower.
            System.getLogger("tessera").log(System.Logger.Level.WARNING, "quantized-model cache not saved: " + why);
            return made;
        }
        // Saved from memory (atomically: temporary file, then rename), so a crash never leaves a half cache.
        SafeTensorsWriter w = new SafeTensorsWriter().metadata("format", FORMAT).metadata("source", stamp);
        for (var e : plan.entrySet()) {
            long[] shape = ckpt.info(e.getKey()).shape();
            MemorySegment seg = made.segments.get(e.getKey());
            w.add(e.getKey(), DType.U8, new long[] {shape[0], Quantization.blocks((int) shape[1]), e.getValue().blockBytes()},
                    (off, dst) -> MemorySegment.copy(seg, off, dst, 0, dst.byteSize()));
        }
        try {
            w.write(file);
        } catch (RuntimeException e) {
            System.getLogger("tessera").log(System.Logger.Level.WARNING, "could not save the quantized-model cache " + file
                    + ": " + e.getMessage());
        }
        return made;
    }

    /** Why the cache cannot be written (no folder, too little space), or null. */
    private static String cannotSave(Path file, long need) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            return file.getParent() + ": cannot create the folder (" + e.getMessage() + ")";
        }
        long free = file.getParent().toFile().getUsableSpace();
        if (free < need + (256L << 20)) return file.getParent() + ": " + gb(need) + " GB needed, " + gb(free) + " GB free";
        return null;
    }

    /** The cache file's matrices if it is intact and made from these very source files; otherwise null. */
    private static QuantizedWeights tryOpen(Path file, String stamp, Checkpoint ckpt, Map<String, Quantization> plan) {
        SafeTensorsFile f;
        try {
            f = SafeTensorsFile.open(file);
        } catch (BadInputException e) {
            return null; // damaged (e.g. a crash while writing it): rebuilt
        }
        if (!FORMAT.equals(f.metadata().get("format")) || !stamp.equals(f.metadata().get("source"))) {
            f.close();
            return null;
        }
        for (var e : plan.entrySet()) {
            TensorInfo info = f.infos().get(e.getKey()), source = ckpt.info(e.getKey());
            long[] want = {source.shape()[0], Quantization.blocks((int) source.shape()[1]), e.getValue().blockBytes()};
            if (info == null || info.dtype() != DType.U8 || !java.util.Arrays.equals(info.shape(), want)) {
                f.close();
                return null;
            }
        }
        // Copied into process memory rather than left mapped: the kernel drops file pages idle for ~30 s, and
        // mapped weights would be re-read from disk at the next question (perf-targets.md); these stay resident.
        Arena arena = Arena.ofShared();
        Map<String, WeightMatrix> out = new HashMap<>();
        Map<String, MemorySegment> segs = new HashMap<>();
        try (f) {
            for (var e : plan.entrySet()) {
                long[] shape = ckpt.info(e.getKey()).shape();
                MemorySegment src = f.tensor(e.getKey()).segment();
                MemorySegment seg = arena.allocate(src.byteSize(), 64);
                seg.copyFrom(src);
                segs.put(e.getKey(), seg);
                out.put(e.getKey(), matrix(e.getKey(), e.getValue(), seg, (int) shape[0], (int) shape[1]));
            }
        } catch (RuntimeException ex) {
            arena.close();
            throw ex;
        }
        return new QuantizedWeights(out, segs, arena::close, true);
    }

    private static WeightMatrix matrix(String name, Quantization q, MemorySegment seg, int rows, int cols) {
        return q == Quantization.Q8_0 ? new Q8Matrix(name, seg, rows, cols) : new Q4Matrix(name, seg, rows, cols);
    }

    private static long totalBytes(Checkpoint ckpt, Map<String, Quantization> plan) {
        long n = 0;
        for (var e : plan.entrySet()) {
            long[] s = ckpt.info(e.getKey()).shape();
            n += s[0] * e.getValue().rowBytes((int) s[1]);
        }
        return n;
    }

    /** Rows [r0, r1) of t quantized into dst at byte offset off, in parallel over rows. */
    static void quantizeRows(TensorView t, Quantization q, int r0, int r1, MemorySegment dst, long off) {
        int cols = (int) t.shape()[1];
        long rowBytes = q.rowBytes(cols);
        Parallel.forRange(r1 - r0, 16, (from, to) -> {
            float[] row = new float[cols];
            for (int r = from; r < to; r++) {
                t.copyTo((long) (r0 + r) * cols, row, 0, cols);
                BlockQuantizer.quantizeRow(q, row, 0, cols, dst, off + (long) r * rowBytes);
            }
        });
    }

    private static String gb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1e9);
    }
}
