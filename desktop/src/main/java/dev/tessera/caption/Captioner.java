package dev.tessera.caption;

import dev.tessera.engine.generate.Cancellation;
import dev.tessera.vision.image.DecodedImage;
import java.nio.file.Path;

/** Writes the caption of one decoded image: the model side of a batch ({@link ModelCaptioner}; tests fake it). */
public interface Captioner extends AutoCloseable {
    /** A caption and what it cost. */
    record Caption(String text, int tokens, double encodeMs, double generateMs) {}

    /**
     * @param file   the image file (for naming; its pixels are {@code image}, already decoded)
     * @param sha256 the file's content hash
     * @throws dev.tessera.engine.generate.CancelledException when {@code cancel} fires first
     */
    Caption caption(Path file, String sha256, DecodedImage image, Cancellation cancel);

    @Override
    default void close() {}
}
