package dev.tessera.engine.quant;

import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.SafeTensorsFile;
import dev.tessera.engine.tensor.Quantization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Where a model's quantized copy is cached, and the stamp of the source files it must match. */
final class CacheKey {
    private CacheKey() {}

    /** {@code <root>/<name>-<hash of the folder's real path>/<quant>.safetensors}. */
    static Path file(Path root, Checkpoint ckpt, Quantization q) {
        Path dir = ckpt.dir().toAbsolutePath().normalize();
        try {
            dir = dir.toRealPath();
        } catch (IOException e) {
            // the folder was just opened; keep the absolute path
        }
        String name = dir.getFileName() == null ? "model" : dir.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return root.resolve(name + "-" + sha256(dir.toString()).substring(0, 16)).resolve(q.id() + ".safetensors");
    }

    /** Format version, quantization, and every weight file's name, size and modification time. */
    static String stamp(Checkpoint ckpt, Quantization q) {
        StringBuilder s = new StringBuilder(QuantizedWeights.FORMAT).append(';').append(q.id());
        for (SafeTensorsFile f : ckpt.files()) {
            Path p = f.path();
            try {
                s.append(';').append(p.getFileName()).append(',').append(Files.size(p)).append(',')
                        .append(Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
                s.append(';').append(p.getFileName()).append(",?");
            }
        }
        return s.toString();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
