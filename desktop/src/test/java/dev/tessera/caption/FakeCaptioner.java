package dev.tessera.caption;

import dev.tessera.engine.generate.Cancellation;
import dev.tessera.vision.image.DecodedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Captions without a model ("caption of NAME"), recording what it was asked; {@code before} runs first. */
final class FakeCaptioner implements Captioner {
    final List<Path> captioned = new ArrayList<>();
    Consumer<Path> before = p -> {};
    boolean closed;

    @Override
    public synchronized Caption caption(Path file, String sha256, DecodedImage image, Cancellation cancel) {
        before.accept(file);
        cancel.throwIfCancelled();
        captioned.add(file);
        return new Caption("caption of " + file.getFileName() + " (" + image.width() + "x" + image.height() + ")", 3, 1, 2);
    }

    @Override
    public void close() {
        closed = true;
    }
}
