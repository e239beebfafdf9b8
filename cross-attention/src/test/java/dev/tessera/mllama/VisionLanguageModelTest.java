package dev.tessera.mllama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ContentPart;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.CancelledException;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.llama.GoldenCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole model through its public API: image pipeline, cache, conversations, cancellation. */
class VisionLanguageModelTest {
    static Path fixture;
    static VisionLanguageModel vlm;

    @BeforeAll
    static void load() {
        fixture = GoldenCase.fixture();
        vlm = VisionLanguageModel.load(fixture);
    }

    @AfterAll
    static void close() {
        if (vlm != null) vlm.close();
    }

    static GenerationOptions greedy(int n) {
        return GenerationOptions.greedy(n, vlm.stopIds());
    }

    @Test
    void imagePipelineReproducesTheReferenceProjectorOutput() throws Exception {
        GoldenCase g = GoldenCase.load("image_question");
        vlm.images().cache().clear();
        ImagePipeline.Result r = vlm.images().encode(fixture.resolve("golden/chart.png"), 4);
        float[] want = g.tensor("cross_attention_states");
        float[] got = r.image().features().crossStates();
        assertEquals(want.length, got.length);
        float diff = GoldenCase.maxAbsDiff(want, 0, got, 0, want.length);
        assertTrue(diff <= 1e-4, "cross_attention_states max abs diff " + diff);
        assertEquals(6, r.info().aspectRatioId());
        assertFalse(r.info().cached());
    }

    @Test
    void followUpQuestionReusesTheEncodedImageAndGivesIdenticalLogits() throws Exception {
        GoldenCase g = GoldenCase.load("image_question");
        Prompt p = vlm.rawPrompt(g.json().get("prompt").asText(), List.of(fixture.resolve("golden/chart.png")));
        vlm.images().cache().clear();
        Answer first = vlm.answer(p, 4, greedy(16), id -> {}, null);
        Answer second = vlm.answer(p, 4, greedy(16), id -> {}, null);
        assertFalse(first.images().get(0).cached());
        assertTrue(second.images().get(0).cached(), "second question hits the image cache");
        assertEquals(0.0, second.imageEncodeMs());
        assertArrayEquals(g.ints("generated_ids"), first.result().generatedIds());
        assertArrayEquals(first.result().generatedIds(), second.result().generatedIds());
        assertArrayEquals(first.result().firstStepTop5Logits(), second.result().firstStepTop5Logits(), 0f,
                "logits with and without reuse are identical");
    }

    @Test
    void cacheEvictsLeastRecentlyUsedUnderItsBound() {
        ImageEmbeddingCache cache = new ImageEmbeddingCache(1000);
        ImageFeatures f = new ImageFeatures(new float[100], 1, 1, 100); // 400 bytes each
        for (int i = 0; i < 5; i++) cache.get(new ImageEmbeddingCache.Key("h" + i, 4), () -> new EncodedImage(f, 0));
        assertTrue(cache.bytes() <= 1000, "cache holds " + cache.bytes() + " bytes");
        assertEquals(2, cache.size());
        assertTrue(cache.contains(new ImageEmbeddingCache.Key("h4", 4)), "the newest stays");
        assertFalse(cache.contains(new ImageEmbeddingCache.Key("h0", 4)), "the oldest went first");
        assertFalse(cache.contains(new ImageEmbeddingCache.Key("h4", 1)), "the tile limit is part of the key");
    }

    @Test
    void multiTurnConversationContinuesFromItsCacheWithTheSameTokensAsAFreshStart() {
        Path img = fixture.resolve("golden/wide.png");
        List<ChatMessage> msgs = new ArrayList<>();
        msgs.add(new ChatMessage("user", List.of(new ContentPart.Image(img), new ContentPart.Text("What is in this image?"))));
        Conversation conv = new Conversation(vlm);
        Answer a1 = conv.answer(vlm.chatPrompt(msgs, Map.of()), 4, greedy(6), id -> {}, null);
        msgs.add(ChatMessage.text("assistant", vlm.tokenizer().decode(a1.result().generatedIds(), true)));
        msgs.add(new ChatMessage("user", List.of(new ContentPart.Text("And the colours?"))));
        Prompt second = vlm.chatPrompt(msgs, Map.of());
        Answer continued = conv.answer(second, 4, greedy(6), id -> {}, null);
        Answer fresh = new Conversation(vlm).answer(second, 4, greedy(6), id -> {}, null);
        assertArrayEquals(fresh.result().generatedIds(), continued.result().generatedIds());
        assertArrayEquals(fresh.result().firstStepTop5Logits(), continued.result().firstStepTop5Logits(), 1e-4f);
    }

    @Test
    void cancellingFromTheListenerStopsAtOnce() {
        Prompt p = vlm.rawPrompt("<|image|>Describe it.", List.of(fixture.resolve("golden/chart.png")));
        Cancellation cancel = new Cancellation();
        AtomicInteger seen = new AtomicInteger();
        Answer a = vlm.answer(p, 4, new GenerationOptions(500, 0, 1, 0, 0, new int[0]), id -> {
            if (seen.incrementAndGet() == 5) cancel.cancel();
        }, cancel);
        assertEquals("cancelled", a.result().finishReason());
        assertEquals(5, a.result().generatedIds().length, "no token after the stop");
    }

    @Test
    void cancellingFromAnotherThreadEndsWithinOneTokensTime() throws Exception {
        Prompt p = vlm.rawPrompt("Tell me a very long story.", List.of());
        Cancellation cancel = new Cancellation();
        AtomicInteger tokens = new AtomicInteger();
        AtomicLong lastTokenNanos = new AtomicLong();
        AtomicInteger atCancel = new AtomicInteger(-1);
        Thread worker = new Thread(() -> vlm.answer(p, 1, new GenerationOptions(100_000, 0, 1, 0, 0, new int[0]), id -> {
            tokens.incrementAndGet();
            lastTokenNanos.set(System.nanoTime());
        }, cancel));
        worker.start();
        while (tokens.get() < 20) Thread.sleep(1);
        long before = System.nanoTime();
        atCancel.set(tokens.get());
        cancel.cancel();
        worker.join(10_000);
        assertFalse(worker.isAlive(), "generation stopped");
        assertTrue(tokens.get() - atCancel.get() <= 1, "at most the token in flight follows the stop: " + (tokens.get() - atCancel.get()));
        assertTrue(System.nanoTime() - before < 2_000_000_000L, "stopped promptly");
    }

    @Test
    void aCancelledImageEncodingThrowsAndCachesNothing() {
        vlm.images().cache().clear();
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        assertThrows(CancelledException.class, () -> vlm.images().encode(fixture.resolve("golden/tall.png"), 4, cancel));
        assertEquals(0, vlm.images().cache().size());
    }
}
