package dev.tessera.engine.generate;

/** A stop button: set from any thread; generation checks it before every token and every prefill chunk. */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** For work that cannot return a partial result (an image half encoded): stop by throwing. */
    public void throwIfCancelled() {
        if (cancelled) throw new CancelledException();
    }

    /** A cancellation nobody can trigger. */
    public static final Cancellation NEVER = new Cancellation();
}
