package dev.tessera.caption;

import dev.tessera.engine.generate.Cancellation;
import dev.tessera.vision.image.DecodedImage;
import java.nio.file.Path;

/**
 * A check of each image before it is captioned: the hook where a guard model (Llama Guard 3 Vision) plugs
 * into a batch. It gets the picture already decoded for captioning, so it reads no file. A refused image is
 * recorded with status {@code blocked} and the verdict instead of a caption; an allowed one is captioned and
 * its row records the verdict too.
 */
@FunctionalInterface
public interface ImageCheck {
    /**
     * @param allowed whether the image may be captioned
     * @param label   the verdict as the row records it, e.g. {@code safe} or {@code unsafe S10}
     */
    record Verdict(boolean allowed, String label) {}

    /** @throws dev.tessera.engine.generate.CancelledException when {@code cancel} fires first */
    Verdict check(Path file, DecodedImage image, Cancellation cancel);
}
