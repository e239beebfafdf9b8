package dev.tessera.desktop.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Updates from a worker thread, applied on the UI thread in batches: however many arrive, at most one task waits
 * in the UI queue, so a batch reporting hundreds of events a second never floods the JavaFX thread.
 */
public final class UiQueue {
    private final Executor ui;
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public UiQueue(Executor ui) {
        this.ui = ui;
    }

    /** Queues {@code update}; any thread. Updates run in the order posted. */
    public void post(Runnable update) {
        pending.add(update);
        if (scheduled.compareAndSet(false, true)) ui.execute(this::drain);
    }

    private void drain() {
        scheduled.set(false); // set first: an update posted while draining schedules the next drain
        List<Runnable> now = new ArrayList<>();
        for (Runnable r; (r = pending.poll()) != null; ) now.add(r);
        now.forEach(Runnable::run);
    }
}
