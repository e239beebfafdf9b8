package dev.tessera.engine.gguf;

import dev.tessera.engine.TesseraException;
import dev.tessera.engine.safetensors.AtomicWrite;
import dev.tessera.engine.safetensors.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a GGUF version 3 file (ggml's docs/gguf.md): header, key-values, tensor infos, then the tensor data, each
 * tensor at an offset that is a multiple of {@link #ALIGNMENT} from the start of the data section, which itself
 * starts aligned. Tensor bytes are streamed from their {@link GgufTensor.Data} straight to the file (models are
 * gigabytes), and the file appears under its name only once complete.
 */
public final class GgufWriter {
    public static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    public static final int VERSION = 3;
    public static final int ALIGNMENT = 32;

    private GgufWriter() {}

    public static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Writes the file; {@code meta} should hold {@code general.alignment} = {@link #ALIGNMENT} or leave it out. */
    public static void write(Path file, GgufMetadata meta, List<GgufTensor> tensors, ProgressListener progress) {
        long total = 0;
        for (GgufTensor t : tensors) total = align(total) + t.byteSize();
        long dataBytes = total;
        AtomicWrite.write(file, ch -> {
            byte[] head = header(meta, tensors);
            writeFully(ch, ByteBuffer.wrap(head));
            pad(ch, align(head.length) - head.length);
            long dataStart = ch.position();
            Counter sink = new Counter(ch);
            for (GgufTensor t : tensors) {
                pad(ch, align(sink.done) - sink.done);
                sink.done = align(sink.done);
                long before = sink.done;
                sink.progress = progress;
                sink.total = dataBytes;
                t.data().writeTo(sink);
                if (sink.done - before != t.byteSize()) {
                    throw new TesseraException(file.getFileName() + ": tensor " + t.name() + " produced "
                            + (sink.done - before) + " bytes, expected " + t.byteSize());
                }
            }
            if (ch.position() - dataStart != dataBytes) throw new IllegalStateException("GGUF data size mismatch");
        });
    }

    static byte[] header(GgufMetadata meta, List<GgufTensor> tensors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = le(24).putInt(MAGIC).putInt(VERSION).putLong(tensors.size()).putLong(meta.count());
        out.writeBytes(b.array());
        out.writeBytes(meta.bytes());
        long offset = 0;
        for (GgufTensor t : tensors) {
            byte[] name = t.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer info = le(8 + name.length + 4 + 8 * t.dims().length + 4 + 8);
            info.putLong(name.length).put(name).putInt(t.dims().length);
            for (long d : t.dims()) info.putLong(d);
            offset = align(offset);
            info.putInt(t.type().id()).putLong(offset);
            offset += t.byteSize();
            out.writeBytes(info.array());
        }
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void pad(FileChannel ch, long n) throws IOException {
        if (n > 0) writeFully(ch, ByteBuffer.allocate((int) n));
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    /** Counts the data bytes written, for the size check and the progress line. */
    private static final class Counter implements GgufSink {
        private final FileChannel ch;
        long done, total;
        ProgressListener progress;

        Counter(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(MemorySegment bytes) throws IOException {
            writeFully(ch, bytes.asByteBuffer());
            done += bytes.byteSize();
            progress.progress(done, total);
        }
    }
}
