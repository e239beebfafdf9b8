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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a real engine: counts the streamed pieces and their arrival, and paces them (a tiny model answers faster
 * than a person can press Stop). Everything else - loading, prompts, the stop itself - is the real engine's.
 */
public final class PacedEngine implements ChatEngine {
    private final ChatEngine real;
    private final long pauseMs;
    public final AtomicInteger pieces = new AtomicInteger();
    public final List<EngineReply> replies = new CopyOnWriteArrayList<>();

    public PacedEngine(ChatEngine real, long pauseMs) {
        this.real = real;
        this.pauseMs = pauseMs;
    }

    @Override
    public ModelDescription load(Path dir) {
        return real.load(dir);
    }

    @Override
    public ModelDescription model() {
        return real.model();
    }

    @Override
    public EngineReply ask(ChatRequest request, TokenSink sink, CancelToken cancel) {
        EngineReply r = real.ask(request, piece -> {
            pieces.incrementAndGet();
            sink.onText(piece);
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
