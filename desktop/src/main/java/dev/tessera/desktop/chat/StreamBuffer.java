package dev.tessera.desktop.chat;

import dev.tessera.desktop.engine.TokenSink;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Carries streamed text from the engine thread to the UI thread without flooding it: pieces pile up here and one
 * UI task at a time takes all that has arrived, so a fast model costs one redraw per frame, not one per token.
 */
final class StreamBuffer implements TokenSink {
    private final Executor ui;
    private final Consumer<String> apply;
    private final StringBuilder pending = new StringBuilder();
    private boolean scheduled;

    StreamBuffer(Executor ui, Consumer<String> apply) {
        this.ui = ui;
        this.apply = apply;
    }

    @Override
    public void onText(String piece) {
        if (piece.isEmpty()) return;
        synchronized (this) {
            pending.append(piece);
            if (scheduled) return;
            scheduled = true;
        }
        ui.execute(this::flush);
    }

    /** Applies what has arrived; on the UI thread. */
    void flush() {
        String s;
        synchronized (this) {
            s = pending.toString();
            pending.setLength(0);
            scheduled = false;
        }
        if (!s.isEmpty()) apply.accept(s);
    }
}
