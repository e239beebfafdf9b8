package dev.tessera.caption;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.TesseraException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results file of a batch, JSONL or CSV, append-only: each row is written in one piece and forced to disk
 * ({@code fdatasync}) before the next image starts, so a crash or SIGKILL loses at most the image in progress.
 * Such a kill can leave a torn last record (cut mid-write, or zero bytes where the file system had not yet
 * written the data); opening the file cuts that record off again, and that image is simply captioned anew.
 * Damage anywhere else is not a crash artefact and is reported instead of silently "repaired".
 *
 * <p>The file is locked while open, so two batches cannot interleave their rows in one file.
 */
public final class ResultLog implements Closeable {
    public enum Format {
        JSONL, CSV;

        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return JSONL;
            if (name.endsWith(".csv")) return CSV;
            throw new BadInputException("--out " + file + ": the results file must end in .jsonl or .csv");
        }
    }

    /** NEW refuses a file that already holds rows; RESUME continues it; RESTART keeps a .bak copy and empties it. */
    public enum Mode { NEW, RESUME, RESTART }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final Format format;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<CaptionRow> previous;
    private final List<String> notes;

    private ResultLog(Path file, Format format, FileChannel channel, FileLock lock, List<CaptionRow> previous,
                      List<String> notes) {
        this.file = file;
        this.format = format;
        this.channel = channel;
        this.lock = lock;
        this.previous = List.copyOf(previous);
        this.notes = List.copyOf(notes);
    }

    public static ResultLog open(Path file, Mode mode) {
        Format format = Format.of(file);
        Path abs = file.toAbsolutePath().normalize();
        FileChannel ch = null;
        try {
            Files.createDirectories(abs.getParent());
            boolean existed = Files.exists(abs);
            ch = FileChannel.open(abs, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
            FileLock lock = tryLock(ch, abs);
            if (!existed) Durable.syncFolder(abs.getParent()); // the new file's name must survive a crash too
            List<String> notes = new ArrayList<>();
            if (mode == Mode.RESTART && ch.size() > 0) {
                Path bak = abs.resolveSibling(abs.getFileName() + "."
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".bak");
                Files.copy(abs, bak, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel b = FileChannel.open(bak, StandardOpenOption.WRITE)) {
                    b.force(true);
                }
                ch.truncate(0);
                notes.add("started over: the previous results were moved to " + bak);
            }
            ResultFileReader.Contents c = ResultFileReader.read(abs, format, readAll(ch));
            if (mode == Mode.NEW && !c.rows().isEmpty()) {
                throw new BadInputException(file + " already holds " + c.rows().size() + " results: add --resume to "
                        + "continue that batch, or --restart to start over (the old file is kept as a .bak copy)");
            }
            if (c.keepBytes() < ch.size()) {
                notes.add("repaired " + file + ": removed an incomplete last record (" + (ch.size() - c.keepBytes())
                        + " bytes) left by an interrupted run; that image is captioned again");
                ch.truncate(c.keepBytes());
            }
            ch.position(c.keepBytes());
            ResultLog log = new ResultLog(abs, format, ch, lock, c.rows(), notes);
            if (c.keepBytes() == 0 && format == Format.CSV) log.write(Csv.line(CaptionRow.COLUMNS));
            else ch.force(false);
            return log;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new TesseraException(file + ": cannot open the results file (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public Format format() {
        return format;
    }

    /** The rows the file held when opened (after any repair). */
    public List<CaptionRow> previousRows() {
        return previous;
    }

    /** What opening the file did besides reading it (a repair, a restart's backup), for the user to see. */
    public List<String> notes() {
        return notes;
    }

    /** Appends one row and forces it to disk before returning. */
    public synchronized void append(CaptionRow row) {
        try {
            write(format == Format.JSONL ? JSON.writeValueAsString(row.toJson()) + "\n" : Csv.line(row.values()));
        } catch (IOException e) {
            throw new TesseraException(file + ": cannot write a result (" + e.getMessage() + ")", e);
        }
    }

    private void write(String text) throws IOException {
        // One buffer, one write: a kill can cut it short but never interleave two rows.
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) channel.write(buf);
        channel.force(false);
    }

    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it anyway
        }
        closeQuietly(channel);
    }

    private static FileLock tryLock(FileChannel ch, Path file) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) throw new BadInputException(file + " is in use by another running caption batch");
        return lock;
    }

    private static byte[] readAll(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size > Integer.MAX_VALUE - 16) throw new IOException("larger than 2 GB");
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) { /* fill */ }
        return buf.array();
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing buffered: every row was forced when written
        }
    }
}
