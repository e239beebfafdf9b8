package dev.tessera.engine.safetensors;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tessera.engine.TesseraException;
import dev.tessera.engine.tensor.DType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes one safetensors file: an 8-byte little-endian header length, a JSON header padded with spaces to a
 * multiple of 8 bytes (as the Rust and Python writers do), then every tensor's bytes back to back.
 *
 * <p>Tensors are queued with {@link #add} and their bytes are produced only during {@link #write}, in
 * 16 MiB pieces: the caller's thread fills one buffer while a second thread writes the other to the file,
 * so generating data and disk I/O overlap and memory stays flat whatever the tensor sizes.
 *
 * <p>Order is the safetensors library's: by element size, largest first, then by name. For a file of one
 * dtype that is plain name order; with mixed dtypes it keeps every tensor aligned to its element size.
 */
public final class SafeTensorsWriter {
    static final int BUFFER_BYTES = 16 << 20;

    private final Map<String, PendingTensor> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new TreeMap<>(Map.of("format", "pt"));

    /** Queues a tensor; {@code source} is asked for its bytes only when the file is written. */
    public SafeTensorsWriter add(String name, DType dtype, long[] shape, TensorSource source) {
        return add(new PendingTensor(name, dtype, shape, source));
    }

    /** Queues a tensor whose little-endian bytes are at hand. */
    public SafeTensorsWriter add(String name, DType dtype, long[] shape, byte[] littleEndianBytes) {
        PendingTensor t = new PendingTensor(name, dtype, shape, TensorSource.of(littleEndianBytes));
        if (t.bytes() != littleEndianBytes.length) {
            throw new IllegalArgumentException(name + ": shape and dtype need " + t.bytes() + " bytes, got "
                    + littleEndianBytes.length);
        }
        return add(t);
    }

    SafeTensorsWriter add(PendingTensor t) {
        if (tensors.putIfAbsent(t.name(), t) != null) throw new IllegalArgumentException("tensor " + t.name() + " added twice");
        return this;
    }

    /** A {@code __metadata__} entry; {@code "format": "pt"} is there by default, as torch writes it. */
    public SafeTensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public int size() {
        return tensors.size();
    }

    /** Bytes of tensor data (the file is this plus 8 plus the header). */
    public long dataBytes() {
        long n = 0;
        for (PendingTensor t : tensors.values()) n += t.bytes();
        return n;
    }

    public void write(Path file) {
        write(file, ProgressListener.NONE);
    }

    /** Writes the file atomically (temporary file, then rename); {@code progress} counts tensor bytes. */
    public void write(Path file, ProgressListener progress) {
        List<PendingTensor> order = ordered();
        byte[] header = header(metadata, order);
        AtomicWrite.write(file, ch -> {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
            AtomicWrite.writeFully(ch, prefix);
            AtomicWrite.writeFully(ch, ByteBuffer.wrap(header));
            streamData(ch, order, progress);
        });
    }

    private List<PendingTensor> ordered() {
        List<PendingTensor> out = new ArrayList<>(tensors.values());
        out.sort(Comparator.comparingInt((PendingTensor t) -> -t.dtype().bytes()).thenComparing(PendingTensor::name));
        return out;
    }

    /** The JSON header, space-padded to a multiple of 8 bytes so the data section starts 8-byte aligned. */
    static byte[] header(Map<String, String> metadata, List<PendingTensor> order) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("__metadata__");
            for (var m : metadata.entrySet()) g.writeStringField(m.getKey(), m.getValue());
            g.writeEndObject();
            long offset = 0;
            for (PendingTensor t : order) {
                g.writeObjectFieldStart(t.name());
                g.writeStringField("dtype", t.dtype().name());
                g.writeArrayFieldStart("shape");
                for (long d : t.shape()) g.writeNumber(d);
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                g.writeNumber(offset += t.bytes());
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (out.size() % 8 != 0) out.write(' ');
        return out.toByteArray();
    }

    /** Double buffering: this thread fills one buffer while the writer thread drains the other. */
    private static void streamData(FileChannel ch, List<PendingTensor> order, ProgressListener progress)
            throws IOException {
        long total = 0;
        for (PendingTensor t : order) total += t.bytes();
        progress.progress(0, total);
        if (total == 0) return;
        int cap = (int) Math.min(BUFFER_BYTES, (total + 7) & ~7L);
        ExecutorService io = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("safetensors-write")
                .unstarted(r));
        Future<?> pending = null;
        Arena arena = Arena.ofShared();
        try {
            MemorySegment[] bufs = {arena.allocate(cap, 4096), arena.allocate(cap, 4096)};
            long done = 0, inTensor = 0;
            int next = 0;
            for (int b = 0; done < total; b ^= 1) {
                MemorySegment buf = bufs[b];
                long n = Math.min(cap, total - done), filled = 0;
                while (filled < n) {
                    PendingTensor t = order.get(next);
                    long take = Math.min(t.bytes() - inTensor, n - filled);
                    if (take > 0) t.source().fill(inTensor, buf.asSlice(filled, take));
                    filled += take;
                    inTensor += take;
                    if (inTensor == t.bytes()) {
                        next++;
                        inTensor = 0;
                    }
                }
                if (pending != null) {
                    await(pending);
                    progress.progress(done, total);
                }
                ByteBuffer view = buf.asSlice(0, n).asByteBuffer();
                pending = io.submit(() -> {
                    AtomicWrite.writeFully(ch, view);
                    return null;
                });
                done += n;
            }
            Future<?> last = pending;
            pending = null;
            await(last);
            progress.progress(total, total);
        } finally {
            // A source that failed mid-way must not close the buffers under a write still in flight.
            if (pending != null) {
                try {
                    pending.get();
                } catch (Exception ignored) {
                    // the source's failure is the one to report
                }
            }
            io.shutdownNow();
            arena.close();
        }
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new TesseraException("safetensors write failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing");
        }
    }
}
