package dev.tessera.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ChatMessages;
import dev.tessera.engine.chat.ContentPart;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.llama.LlamaModel;
import dev.tessera.engine.testing.Fixtures;
import dev.tessera.mllama.ImagePipeline;
import dev.tessera.mllama.SourceImage;
import dev.tessera.mllama.VisionLanguageModel;
import dev.tessera.mllama.VisionSequence;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real engine: tiny-guard (random weights, real Llama Guard 3 template) as the guard,
 * tiny-mllama as the main model. The verdicts are meaningless; the tests check that P(unsafe) is read at the
 * fixture's verdict step and that the policy does the right thing with whatever verdict comes.
 */
class GuardModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GuardModel guard;

    @BeforeAll
    static void load() {
        guard = GuardModel.load(Fixtures.tinyGuard(), GuardSettings.defaults());
    }

    @AfterAll
    static void close() {
        if (guard != null) guard.close();
    }

    private static SourceImage chart() {
        return SourceImage.read(Fixtures.tinyMllamaGolden().resolve("chart.png"));
    }

    /** P(unsafe) is the full-vocabulary softmax at the fixture's verdict step: input_ids + generation_prefix_ids. */
    @Test
    void unsafeProbabilityComesFromTheRecordedStep() throws Exception {
        for (JsonNode c : GuardCasesTest.cases()) {
            if (!c.get("model").asText().equals("llama-guard-3-11b-vision")) continue;
            GuardSettings s = GuardCasesTest.settings(c);
            GuardModel m = s.framing() == Framing.HF_CHAT_TEMPLATE && s.excluded().isEmpty() ? guard : new GuardModel(guard.model(), s);
            GuardConversation conv = GuardConversation.of(ChatMessages.fromJson(c.get("conversation"), Fixtures.guard(), "case"));
            List<SourceImage> images = conv.imageItems() > 0 ? List.of(chart()) : List.of();
            GuardResult r = m.classify(conv, images, new Cancellation());
            int[] ids = JSON.convertValue(c.get("input_ids"), int[].class);
            assertArrayEquals(ids, r.prompt().ids(), c.get("id").asText());

            // the recipe, done independently: a fresh sequence, the fixture's ids and prefix, one pass
            int[] prefix = JSON.convertValue(c.get("verdict").get("generation_prefix_ids"), int[].class);
            int[] all = java.util.Arrays.copyOf(ids, ids.length + prefix.length);
            System.arraycopy(prefix, 0, all, ids.length, prefix.length);
            float[] logits = forward(all, images);
            double[] p = GuardModel.probabilities(logits, c.get("verdict").get("safe_id").asInt(), c.get("verdict").get("unsafe_id").asInt());
            assertEquals(p[1], r.verdict().unsafeProbability(), 1e-9, c.get("id").asText() + " P(unsafe)");
            assertEquals(p[0], r.verdict().safeProbability(), 1e-9, c.get("id").asText() + " P(safe)");
            if (prefix.length > 0) {
                // and not the step before it: the prompt alone gives another distribution
                double[] before = GuardModel.probabilities(forward(ids, images), 19193, 39257);
                assertNotEquals(before[1], r.verdict().unsafeProbability(), c.get("id").asText());
            }
            assertNotEquals(Verdict.Kind.ERROR, r.verdict().kind(), r.verdict().summary());
            assertTrue(r.timings().prefillMs() > 0 && r.timings().promptTokens() == all.length);
            assertTrue(r.timings().generatedTokens() >= 1 && r.timings().generatedTokens() <= s.maxNewTokens());
        }
    }

    private static float[] forward(int[] ids, List<SourceImage> images) {
        VisionLanguageModel vlm = guard.model();
        LlamaModel decoder = vlm.decoder();
        List<dev.tessera.mllama.EncodedImage> encoded = images.stream()
                .map(i -> vlm.images().encode(i, guard.settings().maxTiles()).image()).toList();
        VisionSequence seq = new VisionSequence(decoder.newCache(ids.length), encoded, vlm.config().imageTokenIndex());
        seq.setPrompt(ids);
        return decoder.forward(seq, ids, 0, ids.length);
    }

    /** A whole guarded exchange: the outcome follows the verdicts, and the image is read once for both models. */
    @Test
    void guardedExchangeWithTheRealEngine() {
        try (VisionLanguageModel main = VisionLanguageModel.load(Fixtures.tinyMllama());
             LazyGuard lazy = new LazyGuard(Fixtures.tinyGuard(), GuardSettings.defaults(), false)) {
            ModelResponder responder = new ModelResponder(main, GenerationOptions.greedy(8, main.stopIds()), 4, Map.of("date_string", "26 Jul 2024"));
            SourceImage img = chart();
            List<ChatMessage> conv = List.of(ChatMessage.of("user", new ContentPart.Image(img.file()), new ContentPart.Text("What is in this chart?")));
            for (GuardPolicy policy : GuardPolicy.values()) {
                Exchange e = new GuardedAssistant(policy, lazy, responder).ask(conv, List.of(img), ExchangeListener.NONE, new Cancellation());
                if (policy == GuardPolicy.OFF) {
                    assertEquals(Exchange.Outcome.ANSWERED, e.outcome());
                    continue;
                }
                Verdict in = e.input().verdict();
                assertEquals(1, e.input().timings().imagesChecked());
                if (policy == GuardPolicy.BLOCK && !in.isSafe()) {
                    assertEquals(Exchange.Outcome.INPUT_BLOCKED, e.outcome(), in.summary());
                    assertNull(e.reply());
                    continue;
                }
                assertNotNull(e.output(), policy + ": the answer was checked");
                Verdict out = e.output().verdict();
                assertEquals(0.0, e.output().timings().imageEncodeMs(), "the output check reuses the guard's encoding of the image");
                Exchange.Outcome expected = policy == GuardPolicy.BLOCK && !out.isSafe() ? Exchange.Outcome.ANSWER_WITHHELD : Exchange.Outcome.ANSWERED;
                assertEquals(expected, e.outcome(), policy + ": " + in.summary() + " / " + out.summary());
                if (policy == GuardPolicy.WARN) {
                    assertEquals(e.reply().text(), e.answerText());
                    assertEquals((in.isSafe() ? 0 : 1) + (out.isSafe() ? 0 : 1), e.warnings().size());
                }
            }
            assertTrue(img.isDecoded(), "decoded once, then shared");
        }
    }

    @Test
    void oneAtATimeClosesTheGuardAfterEachCheck() {
        try (LazyGuard lazy = new LazyGuard(Fixtures.tinyGuard(), GuardSettings.defaults(), true)) {
            GuardConversation c = GuardConversation.of(List.of(ChatMessage.text("user", "hello")));
            GuardResult first = lazy.classify(c, List.of(), null);
            GuardResult second = lazy.classify(c, List.of(), null);
            assertTrue(first.timings().loadMs() > 0 && second.timings().loadMs() > 0, "loaded again for the second check");
            assertEquals(first.verdict().generatedText(), second.verdict().generatedText(), "same weights, same greedy verdict");
            assertEquals(first.verdict().unsafeProbability(), second.verdict().unsafeProbability(), 1e-9);
        }
    }

    @Test
    void aGuardThatCannotLoadBlocks() {
        // the main model given as the guard: its template is not Llama Guard's
        try (LazyGuard wrong = new LazyGuard(Fixtures.tinyMllama(), GuardSettings.defaults(), false)) {
            int[] calls = {0};
            Responder main = (conv, images, text, cancel) -> {
                calls[0]++;
                return new Responder.Reply("x", "stop", null);
            };
            Exchange e = new GuardedAssistant(GuardPolicy.BLOCK, wrong, main)
                    .ask(List.of(ChatMessage.text("user", "hi")), List.of(), ExchangeListener.NONE, null);
            assertEquals(Exchange.Outcome.INPUT_BLOCKED, e.outcome());
            assertEquals(0, calls[0]);
            assertTrue(e.input().verdict().reason().contains("does not work as a Llama Guard 3 model"), e.input().verdict().reason());
        }
        try (LazyGuard missing = new LazyGuard(Path.of("/nonexistent/guard"), GuardSettings.defaults(), false)) {
            Exchange e = new GuardedAssistant(GuardPolicy.BLOCK, missing, (c, i, t, x) -> new Responder.Reply("x", "stop", null))
                    .ask(List.of(ChatMessage.text("user", "hi")), List.of(), ExchangeListener.NONE, null);
            assertEquals(Exchange.Outcome.INPUT_BLOCKED, e.outcome());
            assertEquals(Verdict.Kind.ERROR, e.input().verdict().kind());
        }
    }

    /** Llama Guard 3 1B's shape in miniature: checks text, and refuses (blocks on) images it cannot see. */
    @Test
    void textOnlyGuard(@TempDir Path tmp) {
        try (GuardModel text = GuardModel.load(TinyGuards.writeTextOnlyGuard(tmp.resolve("tiny-guard-1b")), GuardSettings.defaults())) {
            assertTrue(!text.supportsImages());
            GuardResult r = text.classify(GuardConversation.of(List.of(ChatMessage.text("user", "hello"))), List.of(), null);
            assertNotEquals(Verdict.Kind.ERROR, r.verdict().kind(), r.verdict().summary());
            assertTrue(r.verdict().unsafeProbability() >= 0 && r.verdict().unsafeProbability() <= 1);
            GuardResult withImage = text.classify(GuardConversation.of(List.of(ChatMessage.of("user",
                    new ContentPart.Image(null), new ContentPart.Text("and this?")))), List.of(chart()), null);
            assertEquals(Verdict.Kind.ERROR, withImage.verdict().kind());
            assertTrue(withImage.verdict().reason().contains("text-only"), withImage.verdict().reason());
        }
    }

    @Test
    void imagesAreEncodedThroughTheSharedSource() {
        SourceImage img = chart();
        ImagePipeline.Result a = guard.model().images().encode(img, 1);
        ImagePipeline.Result b = guard.model().images().encode(img.file(), 1);
        assertTrue(b.info().cached(), "the file path and the shared source key the same cache entry");
        assertTrue(a.image() == b.image());
    }

    /** A later check of the same role prefills only what is new, and decides as a fresh guard does. */
    @Test
    void laterChecksReuseTheSharedPrefix() {
        SourceImage img = chart();
        ChatMessage q1 = ChatMessage.of("user", new ContentPart.Image(img.file()), new ContentPart.Text("What is in this chart?"));
        List<ChatMessage> turn2 = List.of(q1, ChatMessage.text("assistant", "Bars."), ChatMessage.text("user", "And the colours?"));
        try (GuardModel warm = GuardModel.load(Fixtures.tinyGuard(), GuardSettings.defaults());
             GuardModel fresh = GuardModel.load(Fixtures.tinyGuard(), GuardSettings.defaults())) {
            GuardResult first = warm.classify(GuardConversation.of(List.of(q1)), List.of(img), null);
            assertEquals(0, first.timings().reusedTokens());
            GuardResult answer = warm.classify(GuardConversation.of(turn2.subList(0, 2)), List.of(img), null);
            assertEquals(0, answer.timings().reusedTokens(), "the Agent prompt differs from the User prompt in its first line");
            GuardResult second = warm.classify(GuardConversation.of(turn2), List.of(img), null);
            GuardResult reference = fresh.classify(GuardConversation.of(turn2), List.of(img), null);
            assertEquals(0, reference.timings().reusedTokens());
            int common = 0;
            while (first.prompt().ids()[common] == second.prompt().ids()[common]) common++;
            String kept = TinyGuards.tokenizer().decode(java.util.Arrays.copyOf(second.prompt().ids(), common), false);
            assertTrue(kept.contains("<END UNSAFE CONTENT CATEGORIES>") && kept.contains("User: What is in this chart?"),
                    "the head, the image and the first question are kept: " + kept);
            assertEquals(common, second.timings().reusedTokens());
            assertArrayEquals(reference.prompt().ids(), second.prompt().ids());
            assertEquals(reference.verdict().generatedText(), second.verdict().generatedText());
            assertEquals(reference.verdict().unsafeProbability(), second.verdict().unsafeProbability(),
                    1e-4 * reference.verdict().unsafeProbability() + 1e-12);
            assertEquals(reference.verdict().safeProbability(), second.verdict().safeProbability(),
                    1e-4 * reference.verdict().safeProbability() + 1e-12);

            // another image: every token after <|image|> has other keys and values, so the sequence starts over
            SourceImage other = SourceImage.read(Fixtures.tinyMllamaGolden().resolve(otherImage()));
            GuardResult third = warm.classify(GuardConversation.of(List.of(ChatMessage.of("user",
                    new ContentPart.Image(other.file()), new ContentPart.Text("What is in this chart?")))), List.of(other), null);
            assertEquals(0, third.timings().reusedTokens());
        }
    }

    private static String otherImage() {
        try (var files = java.nio.file.Files.list(Fixtures.tinyMllamaGolden())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png") && !n.equals("chart.png"))
                    .sorted().findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
