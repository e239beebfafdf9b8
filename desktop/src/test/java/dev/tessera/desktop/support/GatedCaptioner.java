package dev.tessera.desktop.support;

import dev.tessera.caption.Captioner;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.CancelledException;
import dev.tessera.vision.image.DecodedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps the real captioner: image N (1-based) waits before the model sees it until the test allows N images, or
 * the batch is cancelled. Lets a test press Pause or Cancel while an image is known to be in progress, with no
 * sleeps and whatever the machine's speed. {@link Gate} is shared across batches (an app restart).
 */
public final class GatedCaptioner implements Captioner {
    /** How many images may go to the model; which image waits. */
    public static final class Gate {
        public final AtomicInteger started = new AtomicInteger();
        public final AtomicInteger finished = new AtomicInteger();
        private volatile int allowed;
        private volatile int waiting;

        public Gate(int allowed) {
            this.allowed = allowed;
        }

        public void allow(int n) {
            allowed = n;
        }

        /** The number (1-based) of the image held at the gate now, 0 when none is. */
        public int waiting() {
            return waiting;
        }
    }

    private final Captioner real;
    private final Gate gate;

    public GatedCaptioner(Captioner real, Gate gate) {
        this.real = real;
        this.gate = gate;
    }

    @Override
    public Object prepare(DecodedImage image) {
        return real.prepare(image);
    }

    @Override
    public Caption caption(Path file, String sha256, DecodedImage image, Cancellation cancel) {
        return caption(file, sha256, image, null, cancel);
    }

    @Override
    public Caption caption(Path file, String sha256, DecodedImage image, Object prepared, Cancellation cancel) {
        int n = gate.started.incrementAndGet();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // never hang a build for ever
        while (n > gate.allowed && !cancel.isCancelled() && System.nanoTime() < end) {
            gate.waiting = n;
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        gate.waiting = 0;
        if (cancel.isCancelled()) throw new CancelledException();
        Caption c = real.caption(file, sha256, image, prepared, cancel);
        gate.finished.incrementAndGet();
        return c;
    }

    @Override
    public void close() {
        real.close();
    }
}
