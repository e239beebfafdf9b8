package dev.tessera.desktop.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The Stop button: cancelled from the UI thread, seen by the engine before its next token. */
public final class CancelToken {
    private volatile boolean cancelled;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled) return;
        cancelled = true;
        hooks.forEach(Runnable::run);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code hook} when cancelled (at once if it already is): how an adapter forwards the stop to its engine. */
    public void onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled) hook.run();
    }
}
