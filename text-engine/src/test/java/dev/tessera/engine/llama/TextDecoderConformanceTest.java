package dev.tessera.engine.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.generate.GenerationResult;
import dev.tessera.engine.generate.Generator;
import dev.tessera.engine.generate.TokenListener;
import dev.tessera.engine.safetensors.Checkpoint;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text-only golden cases of tiny-mllama through the decoder alone (cross-attention layers skipped). */
class TextDecoderConformanceTest {
    static final int[] EOS = {128001, 128008, 128009};
    static Checkpoint ckpt;
    static LlamaModel model;

    @BeforeAll
    static void load() {
        var dir = GoldenCase.fixture();
        ModelConfig cfg = ModelConfig.load(dir);
        ckpt = Checkpoint.open(dir);
        model = LlamaModel.load(ckpt, cfg.text(), CrossLayerFactory.SKIP);
    }

    @AfterAll
    static void close() {
        if (ckpt != null) ckpt.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text_only", "chat_text_only", "long_text"})
    void greedyTokensAndLogitsMatchTheReference(String name) throws IOException {
        GoldenCase g = GoldenCase.load(name);
        int[] prompt = g.ints("input_ids");
        int[] expected = g.ints("generated_ids");
        GenerationResult r = new Generator(model).generate(model.newSequence(prompt.length + 16), prompt,
                GenerationOptions.greedy(expected.length, EOS), TokenListener.NONE, null);
        assertArrayEquals(expected, r.generatedIds(), name + ": generated ids");

        var jTop = g.json().get("first_step_top5");
        assertEquals(jTop.get("ids").get(0).asInt(), r.firstStepTop5Ids()[0], "top-1 id");
        for (int i = 0; i < 5; i++) {
            float want = (float) jTop.get("logits").get(i).asDouble();
            assertEquals(want, r.firstStepTop5Logits()[i], 1e-3, name + ": top-5 logit " + i);
        }
        float[] logits = g.tensor("last_prompt_logits");
        if (logits != null) {
            float[] mine = model.forward(model.newSequence(prompt.length), prompt, 0, prompt.length);
            float diff = GoldenCase.maxAbsDiff(logits, 0, mine, 0, logits.length);
            assertTrue(diff <= 1e-3, name + ": last_prompt_logits max abs diff " + diff);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text_only", "chat_text_only"})
    void hiddenStatesEnteringEachLayerMatch(String name) throws IOException {
        GoldenCase g = GoldenCase.load(name);
        int[] prompt = g.ints("input_ids");
        float[] want = g.tensor("text_hidden_states"); // (L + 1, S, D)
        int d = model.config().hiddenSize(), s = prompt.length;
        float[] worst = {0};
        model.forward(model.newSequence(s), prompt, 0, s, (layer, x, n) -> {
            float diff = GoldenCase.maxAbsDiff(want, layer * s * d, x, 0, s * d);
            worst[0] = Math.max(worst[0], diff);
            assertTrue(diff <= 1e-4, name + ": hidden state entering layer " + layer + " differs by " + diff);
        });
        assertTrue(worst[0] <= 1e-4);
    }

    @Test
    void kvCacheDecodingEqualsFullRecompute() throws IOException {
        int[] prompt = GoldenCase.load("text_only").ints("input_ids");
        int[] ids = java.util.Arrays.copyOf(prompt, prompt.length + 6);
        Sequence cached = model.newSequence(4);  // small on purpose: the cache must grow
        float[] logits = model.forward(cached, ids, 0, prompt.length);
        for (int step = 0; step < 6; step++) {
            int next = dev.tessera.engine.kernels.VectorMath.argmax(logits, logits.length);
            int len = prompt.length + step;
            ids[len] = next;
            float[] full = model.forward(model.newSequence(len + 1), ids, 0, len + 1);
            logits = model.forward(cached, ids, len, 1);
            float diff = GoldenCase.maxAbsDiff(full, 0, logits, 0, full.length);
            assertTrue(diff <= 1e-4, "step " + step + ": cached vs recomputed logits differ by " + diff);
        }
    }
}
