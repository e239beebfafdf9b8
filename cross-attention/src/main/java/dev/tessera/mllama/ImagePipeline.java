package dev.tessera.mllama;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.vision.image.DecodedImage;
import dev.tessera.vision.image.ImageDecoder;
import dev.tessera.vision.model.MllamaVisionModel;
import dev.tessera.vision.model.VisionObserver;
import dev.tessera.vision.preprocess.MllamaImageProcessor;
import dev.tessera.vision.preprocess.PreprocessorConfig;
import dev.tessera.vision.preprocess.ProcessedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * image file -> decode -> Mllama preprocessor -> vision encoder -> projector -> {@link EncodedImage},
 * remembered by content in the {@link ImageEmbeddingCache} so a follow-up question skips all of it.
 */
public final class ImagePipeline {
    /** An encoded image and its layout; {@code info.cached()} tells whether the cache supplied it. */
    public record Result(EncodedImage image, ImageInfo info) {}

    private final ModelConfig config;
    private final MllamaImageProcessor processor;
    private final MllamaVisionModel vision;
    private final MultiModalProjector projector;
    private final ImageEmbeddingCache cache;

    ImagePipeline(Path dir, Checkpoint ckpt, ModelConfig config, long cacheBytes) {
        this.config = config;
        this.processor = new MllamaImageProcessor(PreprocessorConfig.load(dir));
        this.vision = MllamaVisionModel.load(ckpt, config.vision());
        this.projector = new MultiModalProjector(ckpt, config);
        this.cache = new ImageEmbeddingCache(cacheBytes);
    }

    public ImageEmbeddingCache cache() {
        return cache;
    }

    public MllamaImageProcessor processor() {
        return processor;
    }

    /** Encodes the image file, or returns the cached encoding of the same bytes at the same tile limit. */
    public Result encode(Path file, int maxTiles) {
        return encode(file, maxTiles, Cancellation.NEVER);
    }

    /** As above; a stop request aborts the encoding with {@link dev.tessera.engine.generate.CancelledException}. */
    public Result encode(Path file, int maxTiles, Cancellation cancel) {
        ImageEmbeddingCache.Key key = new ImageEmbeddingCache.Key(sha256(file), maxTiles);
        boolean[] fresh = {false};
        EncodedImage img = cache.get(key, () -> {
            fresh[0] = true;
            return encode(ImageDecoder.decode(file), maxTiles, file.getFileName().toString(), cancel);
        });
        ImageInfo l = img.layout();
        ImageInfo info = new ImageInfo(file.getFileName().toString(), l.originalHeight(), l.originalWidth(),
                l.canvasHeight(), l.canvasWidth(), l.resizedHeight(), l.resizedWidth(), l.rows(), l.cols(),
                l.aspectRatioId(), l.aspectRatioMask(), !fresh[0], fresh[0] ? img.encodeNanos() / 1e6 : 0);
        return new Result(img, info);
    }

    /** Encodes an already decoded image (the guard reuses the decoded picture instead of reading it again). */
    public EncodedImage encode(DecodedImage decoded, int maxTiles, String name) {
        return encode(decoded, maxTiles, name, Cancellation.NEVER);
    }

    public EncodedImage encode(DecodedImage decoded, int maxTiles, String name, Cancellation cancel) {
        long t0 = System.nanoTime();
        ProcessedImage p = processor.process(decoded, maxTiles);
        // All max_num_tiles tiles take part, as in the reference, unless the caller limits the tiles for speed.
        int tiles = Math.min(maxTiles, p.maxTiles()), patches = config.vision().patchesPerTile();
        float[] pixels = tiles == p.maxTiles() ? p.pixelValues() : java.util.Arrays.copyOf(p.pixelValues(), p.pixelValues().length / p.maxTiles() * tiles);
        float[] features = vision.encode(pixels, p.aspectRatioId(), p.numTiles(), VisionObserver.NONE, cancel)
                .features(); // (tiles*P, vision_output_dim)
        float[] states = projector.project(features, tiles * patches);
        long nanos = System.nanoTime() - t0;
        return new EncodedImage(new ImageFeatures(states, tiles, p.numTiles(), patches), nanos, layout(name, p, nanos));
    }

    /** Layouts only (decode and tile planning, no encoding): for --dry-run. */
    public List<ImageInfo> layouts(List<Path> files, int maxTiles) {
        List<ImageInfo> out = new ArrayList<>();
        for (Path f : files) out.add(layout(f.getFileName().toString(), processor.process(ImageDecoder.decode(f), maxTiles), 0));
        return out;
    }

    private static ImageInfo layout(String name, ProcessedImage p, long nanos) {
        return new ImageInfo(name, p.originalHeight(), p.originalWidth(), p.canvasHeight(), p.canvasWidth(),
                p.resizedHeight(), p.resizedWidth(), p.rows(), p.cols(), p.aspectRatioId(), p.aspectRatioMask(), false,
                nanos / 1e6);
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            DigestInputStream din = (DigestInputStream) in;
            byte[] buf = new byte[1 << 16];
            while (din.read(buf) >= 0) { /* digest as we read */ }
            return HexFormat.of().formatHex(din.getMessageDigest().digest());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException(file + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
