package dev.tessera.engine.safetensors;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.TesseraException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a half-written one:
 * a temporary file in the same folder (a rename is atomic only within one file system), flushed to disk,
 * then renamed over the target. An interrupted multi-gigabyte write therefore leaves no truncated shard
 * behind that a later load would reject with a confusing error.
 */
public final class AtomicWrite {
    /** Pretty JSON as Python's {@code json.dump(indent=2)} writes it: {@code "key": value}. */
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Fills the channel of the temporary file. */
    @FunctionalInterface
    public interface Body {
        void write(FileChannel ch) throws IOException;
    }

    private AtomicWrite() {}

    public static void write(Path target, Body body) {
        Path abs = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            // Not Files.createTempFile: its files are mode 0600, and a model folder must stay readable as the
            // umask allows, like any other file written here.
            Path fresh = abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            FileChannel ch = FileChannel.open(fresh, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            tmp = fresh;
            try (ch) {
                body.write(ch);
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            syncFolder(abs.getParent());
        } catch (IOException e) {
            throw new TesseraException(target + ": cannot write (" + e + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }

    /**
     * Flushes the folder entry of the rename: without it a power cut right after can bring back the old file (or,
     * on a new file, none) although the write "succeeded". Linux allows opening a folder for this; where the
     * system does not (Windows), its file system journals renames itself and the failure is ignored.
     */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here: the file itself is on disk, only the rename's durability is the system's
        }
    }

    /** UTF-8 text, e.g. a conversation or a batch output. */
    public static void text(Path target, String text) {
        bytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void bytes(Path target, byte[] data) {
        write(target, ch -> writeFully(ch, ByteBuffer.wrap(data)));
    }

    /** JSON with two-space indents and a final newline, as transformers writes its config files. */
    public static void json(Path target, JsonNode node) {
        try {
            String text = JSON.writer(PRETTY).writeValueAsString(node) + "\n";
            bytes(target, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TesseraException(target + ": cannot write JSON (" + e.getMessage() + ")", e);
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) ch.write(buf);
    }
}
