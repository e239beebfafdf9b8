package dev.tessera.mllama;

import dev.tessera.vision.image.DecodedImage;
import dev.tessera.vision.image.ImageDecoder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An image as the user gave it, read once and shared by every model that looks at it: a guarded exchange
 * hands the same SourceImage to the guard (input and output checks) and to the main model, so the file is
 * hashed once and decoded at most once, however many pipelines encode it. Each model still runs its own
 * vision encoder (the weights differ); the content hash keys each model's {@link ImageEmbeddingCache}.
 */
public final class SourceImage {
    private final Path file;     // null for images built in memory
    private final String name;
    private final String sha256; // of the file bytes, or of the pixels for in-memory images
    private volatile DecodedImage decoded;

    private SourceImage(Path file, String name, String sha256, DecodedImage decoded) {
        this.file = file;
        this.name = name;
        this.sha256 = sha256;
        this.decoded = decoded;
    }

    /**
     * Hashes the file now (the same key {@link ImagePipeline#encode(Path, int)} uses, so both ways share cache
     * entries); decodes it the first time a pipeline misses its cache.
     */
    public static SourceImage read(Path file) {
        return new SourceImage(file, file.getFileName().toString(), ImagePipeline.sha256(file), null);
    }

    /** An image already in memory (pasted, dropped, or decoded earlier); keyed by its pixels. */
    public static SourceImage of(DecodedImage decoded, String name) {
        Objects.requireNonNull(decoded, "decoded");
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((decoded.width() + "x" + decoded.height() + ":" + decoded.mode() + ":").getBytes());
            md.update(decoded.rgb());
            if (decoded.alpha() != null) md.update(decoded.alpha());
            return new SourceImage(null, name, "pixels:" + HexFormat.of().formatHex(md.digest()), decoded);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file name (or the name given for an in-memory image). */
    public String name() {
        return name;
    }

    /** The file, or null for an in-memory image. */
    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    /** Whether the pixels are already decoded (so no pipeline will read the file again). */
    public boolean isDecoded() {
        return decoded != null;
    }

    /** The pixels, decoded on first use and kept. */
    public DecodedImage decoded() {
        DecodedImage d = decoded;
        if (d == null) {
            synchronized (this) {
                if (decoded == null) decoded = ImageDecoder.decode(file);
                d = decoded;
            }
        }
        return d;
    }
}
