package dev.tessera.desktop.support;

import dev.tessera.desktop.engine.CancelToken;
import dev.tessera.desktop.engine.ChatEngine;
import dev.tessera.desktop.engine.ChatRequest;
import dev.tessera.desktop.engine.EngineReply;
import dev.tessera.desktop.engine.ModelDescription;
import dev.tessera.desktop.engine.TokenSink;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a real engine: counts the streamed pieces, and can hold the stream after a number of pieces until the
 * answer is cancelled (a tiny model answers faster than a robot can press Stop; a fixed pause would make the test
 * depend on the machine's speed). Everything else - loading, prompts, the stop itself - is the real engine's.
 */
public final class PacedEngine implements ChatEngine {
    private final ChatEngine real;
    private volatile int holdAtPiece;
    public final AtomicInteger pieces = new AtomicInteger();
    public final List<EngineReply> replies = new CopyOnWriteArrayList<>();

    /** {@code holdAtPiece} 0: never hold. */
    public PacedEngine(ChatEngine real, int holdAtPiece) {
        this.real = real;
        this.holdAtPiece = holdAtPiece;
    }

    /** Holds the next answers after {@code n} pieces until they are cancelled (0: never). */
    public void holdAt(int n) {
        holdAtPiece = n;
    }

    @Override
    public ModelDescription load(Path dir) {
        return real.load(dir);
    }

    @Override
    public ModelDescription load(Path dir, dev.tessera.desktop.engine.WeightFormat weights) {
        return real.load(dir, weights);
    }

    @Override
    public ModelDescription model() {
        return real.model();
    }

    @Override
    public EngineReply ask(ChatRequest request, TokenSink sink, CancelToken cancel) {
        EngineReply r = real.ask(request, piece -> {
            int n = pieces.incrementAndGet();
            sink.onText(piece);
            if (n >= holdAtPiece && holdAtPiece > 0) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // never hang a build for ever
                while (!cancel.isCancelled() && System.nanoTime() < end) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, cancel);
        replies.add(r);
        return r;
    }

    @Override
    public void forget(String conversationId) {
        real.forget(conversationId);
    }

    @Override
    public void close() {
        real.close();
    }
}
