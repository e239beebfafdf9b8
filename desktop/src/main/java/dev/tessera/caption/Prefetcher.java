package dev.tessera.caption;

import dev.tessera.engine.BadInputException;
import dev.tessera.vision.image.DecodedImage;
import dev.tessera.vision.image.ImageDecoder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes and preprocesses ({@link Captioner#prepare}) the next image on a thread of its own while the model
 * works on the current one, so JPEG decoding (a tenth of a second or more for a phone photo) and tiling never
 * hold up the model. One image ahead only: the decoded pixels of a 48 MP photo take 150 MB, and the model is
 * the bottleneck anyway.
 */
final class Prefetcher implements AutoCloseable {
    /**
     * An image's pixels and what the captioner prepared from them, or why they could not be read.
     *
     * @param decodeMs time to decode and prepare, spent on the prefetch thread
     */
    record Decoded(DecodedImage image, Object prepared, String error, double decodeMs) {}

    private final List<Path> order;
    private final Map<Integer, Future<Decoded>> pending = new HashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tessera-caption-prefetch");
        t.setDaemon(true); // never keeps the JVM alive after the batch is abandoned
        return t;
    });

    /** @param order the images in the order they will be taken */
    Prefetcher(List<Path> order) {
        this.order = List.copyOf(order);
    }

    /**
     * The image at {@code index} of the order, prepared by {@code captioner}; starts on the one after it before
     * waiting.
     */
    Decoded take(int index, Captioner captioner) throws InterruptedException {
        Future<Decoded> current = submit(index, captioner);
        if (index + 1 < order.size()) submit(index + 1, captioner);
        try {
            return current.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return new Decoded(null, null, order.get(index) + ": cannot decode (" + c + ")", 0);
        } finally {
            pending.remove(index);
        }
    }

    private Future<Decoded> submit(int index, Captioner captioner) {
        return pending.computeIfAbsent(index, i -> executor.submit(() -> decode(order.get(i), captioner)));
    }

    private static Decoded decode(Path file, Captioner captioner) {
        long t0 = System.nanoTime();
        try {
            DecodedImage image = ImageDecoder.decode(file);
            return new Decoded(image, captioner.prepare(image), null, (System.nanoTime() - t0) / 1e6);
        } catch (BadInputException e) {
            return new Decoded(null, null, e.getMessage(), (System.nanoTime() - t0) / 1e6);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
