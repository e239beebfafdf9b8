package dev.tessera.mllama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.generate.GenerationResult;
import dev.tessera.engine.generate.Generator;
import dev.tessera.engine.generate.TokenListener;
import dev.tessera.engine.llama.GoldenCase;
import dev.tessera.engine.llama.LlamaModel;
import dev.tessera.engine.safetensors.Checkpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder with its gated cross-attention layers, fed the reference's own projector output
 * (cross_attention_states), so this checks the cross-attention mask, the row rule and the layers alone.
 */
class CrossAttentionConformanceTest {
    static final int[] EOS = {128001, 128008, 128009};
    static ModelConfig cfg;
    static Checkpoint ckpt;
    static LlamaModel model;

    @BeforeAll
    static void load() {
        var dir = GoldenCase.fixture();
        cfg = ModelConfig.load(dir);
        ckpt = Checkpoint.open(dir);
        model = LlamaModel.load(ckpt, cfg.text(), CrossAttentionLayer::new);
    }

    @AfterAll
    static void close() {
        if (ckpt != null) ckpt.close();
    }

    static VisionSequence sequence(GoldenCase g, int[] prompt) {
        float[] states = g.tensor("cross_attention_states"); // (1, M*4*P, D)
        int d = cfg.text().hiddenSize(), p = cfg.vision().patchesPerTile(), tiles = cfg.vision().maxNumTiles();
        var numTiles = g.json().get("num_tiles").get(0);
        List<EncodedImage> images = new ArrayList<>();
        for (int m = 0; m < numTiles.size(); m++) {
            int per = tiles * p * d;
            float[] s = Arrays.copyOfRange(states, m * per, (m + 1) * per);
            images.add(new EncodedImage(new ImageFeatures(s, tiles, numTiles.get(m).asInt(), p), 0));
        }
        VisionSequence seq = new VisionSequence(model.newCache(prompt.length + 16), images, cfg.imageTokenIndex());
        seq.setPrompt(prompt);
        return seq;
    }

    @ParameterizedTest
    @ValueSource(strings = {"image_question", "text_before_image", "chat_multiturn", "alpha_image", "two_images"})
    void greedyTokensAndLogitsMatchTheReference(String name) throws IOException {
        GoldenCase g = GoldenCase.load(name);
        int[] prompt = g.ints("input_ids");
        int[] expected = g.ints("generated_ids");
        GenerationResult r = new Generator(model).generate(sequence(g, prompt), prompt,
                GenerationOptions.greedy(expected.length, EOS), TokenListener.NONE, null);
        assertArrayEquals(expected, r.generatedIds(), name + ": generated ids");
        var top = g.json().get("first_step_top5");
        assertEquals(top.get("ids").get(0).asInt(), r.firstStepTop5Ids()[0], name + ": top-1 id");
        for (int i = 0; i < 5; i++) {
            assertEquals(top.get("logits").get(i).asDouble(), r.firstStepTop5Logits()[i], 1e-3, name + ": top-5 logit " + i);
        }
        float[] logits = g.tensor("last_prompt_logits");
        float[] mine = model.forward(sequence(g, prompt), prompt, 0, prompt.length);
        float diff = GoldenCase.maxAbsDiff(logits, 0, mine, 0, logits.length);
        assertTrue(diff <= 1e-3, name + ": last_prompt_logits max abs diff " + diff);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image_question", "text_before_image", "chat_multiturn", "alpha_image", "two_images"})
    void hiddenStatesEnteringEachLayerMatch(String name) throws IOException {
        GoldenCase g = GoldenCase.load(name);
        int[] prompt = g.ints("input_ids");
        float[] want = g.tensor("text_hidden_states");
        int d = cfg.text().hiddenSize(), s = prompt.length;
        model.forward(sequence(g, prompt), prompt, 0, s, (layer, x, n) -> {
            float diff = GoldenCase.maxAbsDiff(want, layer * s * d, x, 0, s * d);
            assertTrue(diff <= 1e-4, name + ": hidden state entering layer " + layer + " differs by " + diff);
        });
    }
}
