package dev.tessera.caption;

import dev.tessera.engine.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A short id of a model folder for result rows, {@code <folder name>@<12 hex digits>}, so that a resume
 * reuses only captions of the same weights, wherever the folder lives.
 *
 * <p>Hashing 21 GB of 11B weights would take a minute before every batch, so the digest covers
 * {@code config.json} and, per weight file, its name, size and {@link #SAMPLES} chunks of 64 KiB spread
 * evenly over it (header included): a fine-tune, a re-quantisation or another random seed changes them,
 * while reading about 1 MiB per file.
 */
public final class ModelId {
    static final int SAMPLES = 16;
    private static final int CHUNK = 64 * 1024;

    private ModelId() {}

    public static String of(Path dir) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            Path config = dir.resolve("config.json");
            if (!Files.isRegularFile(config)) throw new BadInputException(dir + ": no config.json (not a model folder)");
            md.update(Files.readAllBytes(config));
            List<Path> weights;
            try (Stream<Path> s = Files.list(dir)) {
                weights = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
            }
            for (Path w : weights) sample(w, md);
            String name = dir.toAbsolutePath().normalize().getFileName().toString();
            return name + "@" + HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot read the model folder (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sample(Path file, MessageDigest md) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            md.update((file.getFileName() + ":" + size + ";").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            for (int i = 0; i < SAMPLES; i++) {
                long at = size <= CHUNK ? 0 : (size - CHUNK) * i / (SAMPLES - 1);
                buf.clear();
                while (buf.hasRemaining() && ch.read(buf, at + buf.position()) > 0) { /* fill the chunk */ }
                buf.flip();
                md.update(buf);
                if (size <= CHUNK) break;
            }
        }
    }
}
