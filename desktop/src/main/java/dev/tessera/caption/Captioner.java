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

    /**
     * The work on a decoded picture that needs no model (for {@link ModelCaptioner}: white background, tiling,
     * resizing, normalising), done on the prefetch thread while the model works on the image before, and
     * handed back to {@link #caption(Path, String, DecodedImage, Object, Cancellation)}. May be called from
     * another thread than caption. Null: nothing to prepare.
     *
     * @throws dev.tessera.engine.BadInputException when the picture cannot be prepared (the image fails)
     */
    default Object prepare(DecodedImage image) {
        return null;
    }

    /** As {@link #caption(Path, String, DecodedImage, Cancellation)}, with what {@link #prepare} returned. */
    default Caption caption(Path file, String sha256, DecodedImage image, Object prepared, Cancellation cancel) {
        return caption(file, sha256, image, cancel);
    }

    @Override
    default void close() {}
}
