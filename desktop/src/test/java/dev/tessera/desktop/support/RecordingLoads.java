package dev.tessera.desktop.support;

import dev.tessera.desktop.engine.CancelToken;
import dev.tessera.desktop.engine.ChatEngine;
import dev.tessera.desktop.engine.ChatRequest;
import dev.tessera.desktop.engine.EngineReply;
import dev.tessera.desktop.engine.ModelDescription;
import dev.tessera.desktop.engine.TokenSink;
import dev.tessera.desktop.engine.WeightFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The scripted engine, recording every load call with the weight format it was given. */
public final class RecordingLoads implements ChatEngine {
    public record Load(Path dir, WeightFormat weights) {}

    public final List<Load> loads = new CopyOnWriteArrayList<>();
    private final ScriptedChatEngine real = new ScriptedChatEngine();

    @Override
    public ModelDescription load(Path dir) {
        throw new AssertionError("the app loads models with the weight format of the settings");
    }

    @Override
    public ModelDescription load(Path dir, WeightFormat weights) {
        loads.add(new Load(dir, weights));
        return real.load(dir);
    }

    @Override
    public ModelDescription model() {
        return real.model();
    }

    @Override
    public EngineReply ask(ChatRequest request, TokenSink sink, CancelToken cancel) {
        return real.ask(request, sink, cancel);
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
