package dev.tessera.caption;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.vision.image.DecodedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * A check of each image before it is captioned: the hook where a guard model (Llama Guard 3 Vision) plugs
 * into a batch. It gets the picture already decoded for captioning, so it reads no file. A refused image is
 * recorded with status {@code blocked} and the verdict instead of a caption; an allowed one is captioned and
 * its row records the verdict too. A check that throws fails that image (status {@code failed}, the reason
 * recorded), never the batch, and never lets the image through unchecked.
 */
@FunctionalInterface
public interface ImageCheck extends AutoCloseable {
    /**
     * @param allowed whether the image may be captioned
     * @param label   the verdict as the row records it, e.g. {@code safe} or {@code unsafe S10}
     */
    record Verdict(boolean allowed, String label) {}

    /** @throws dev.tessera.engine.generate.CancelledException when {@code cancel} fires first */
    Verdict check(Path file, DecodedImage image, Cancellation cancel);

    /** Releases the guard model; the batch's owner calls it when the batch is over. */
    @Override
    default void close() {}

    /**
     * Makes an {@link ImageCheck} from a guard model folder ({@code tessera caption --guard-model DIR}). Found
     * with {@link ServiceLoader}, so the guard module's adapter registers itself in
     * {@code META-INF/services/dev.tessera.caption.ImageCheck$Provider} and caption needs no compile-time
     * knowledge of the guard's API.
     */
    interface Provider {
        /** Whether this provider can use the folder (e.g. its config.json names a guard model). */
        boolean accepts(Path dir);

        /** Loads the guard; may take a while. */
        ImageCheck open(Path dir);
    }

    /** The check for a guard folder, from the first provider that accepts it; a clear error when none does. */
    static ImageCheck open(Path guardDir) {
        if (!Files.isDirectory(guardDir)) throw new BadInputException("--guard-model " + guardDir + ": no such folder");
        for (Provider p : ServiceLoader.load(Provider.class)) {
            if (p.accepts(guardDir)) return p.open(guardDir);
        }
        throw new BadInputException("--guard-model " + guardDir + ": not a guard model this build can check images with");
    }
}
