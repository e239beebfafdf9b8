package dev.tessera.desktop.support;

import dev.tessera.desktop.engine.CancelToken;
import dev.tessera.desktop.engine.ChatEngine;
import dev.tessera.desktop.engine.ChatRequest;
import dev.tessera.desktop.engine.DemoModel;
import dev.tessera.desktop.engine.EngineReply;
import dev.tessera.desktop.engine.ModelDescription;
import dev.tessera.desktop.engine.TokenSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A deterministic stand-in for the engine: answers from a script, streamed word by word, optionally pausing after
 * N words until the test releases it or Stop cancels it. Images count as encoded once per conversation, so a
 * follow-up reports a cache hit as the real image-embedding cache does.
 */
public final class ScriptedChatEngine implements ChatEngine {
    private volatile Function<ChatRequest, String> script = r -> "The image shows **" + r.question().images().size()
            + " picture(s)**. You asked: " + r.question().text();
    private volatile int holdAfterWords = -1;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(1);
    private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<EngineReply> replies = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Set<Path>> encoded = new HashMap<>();
    private volatile ModelDescription model;

    public ScriptedChatEngine answering(Function<ChatRequest, String> s) {
        script = s;
        return this;
    }

    /** The next answer pauses after {@code words} words until {@link #release()} or Stop. */
    public void holdAfter(int words) {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        holdAfterWords = words;
    }

    public boolean awaitHeld() throws InterruptedException {
        return held.await(90, TimeUnit.SECONDS);
    }

    public void release() {
        holdAfterWords = -1;
        release.countDown();
    }

    public List<ChatRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<EngineReply> replies() {
        synchronized (replies) {
            return List.copyOf(replies);
        }
    }

    @Override
    public ModelDescription load(Path dir) {
        boolean demo = DemoModel.isDemo(dir);
        model = new ModelDescription(dir, demo ? DemoModel.NAME : "Scripted test model", demo, true, 1 << 20, 3);
        return model;
    }

    @Override
    public ModelDescription model() {
        return model;
    }

    @Override
    public EngineReply ask(ChatRequest request, TokenSink sink, CancelToken cancel) {
        requests.add(request);
        boolean hit;
        synchronized (encoded) {
            Set<Path> seen = encoded.computeIfAbsent(request.conversationId(), k -> new HashSet<>());
            List<Path> all = request.turns().stream().flatMap(t -> t.images().stream()).toList();
            hit = !all.isEmpty() && seen.containsAll(all);
            seen.addAll(all);
        }
        String answer = script.apply(request);
        String[] words = answer.split("(?<=\\s)");
        StringBuilder said = new StringBuilder();
        EngineReply.Finish finish = EngineReply.Finish.DONE;
        for (int i = 0; i < words.length; i++) {
            if (cancel.isCancelled()) {
                finish = EngineReply.Finish.STOPPED;
                break;
            }
            if (i == holdAfterWords) {
                holdAfterWords = -1; // one answer only
                held.countDown();
                try {
                    while (!cancel.isCancelled() && !release.await(5, TimeUnit.MILLISECONDS)) {
                        // waiting for the test
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (cancel.isCancelled()) {
                    finish = EngineReply.Finish.STOPPED;
                    break;
                }
            }
            said.append(words[i]);
            sink.onText(words[i]);
        }
        int n = said.toString().split("\\s+").length;
        EngineReply reply = new EngineReply(said.toString(), finish, 40 + request.turns().size() * 10, n,
                hit ? 0 : 812.5, hit, 35.0, 21.7);
        replies.add(reply);
        return reply;
    }

    @Override
    public void forget(String conversationId) {
        synchronized (encoded) {
            encoded.remove(conversationId);
        }
    }

    @Override
    public void close() {
        release.countDown();
    }
}
