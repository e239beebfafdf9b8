package dev.tessera.mllama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.llama.GoldenCase;
import dev.tessera.engine.quant.QuantizedWeights;
import dev.tessera.engine.quant.WeightOptions;
import dev.tessera.engine.tensor.Quantization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quality check of the quantized formats on tiny-mllama: with the decoder's matrices in Q8_0, greedy
 * decoding gives the reference's tokens for every golden case. (Q4_0 is checked for sanity only: its error on
 * 48-wide random matrices is far larger than on real models, see the class comment of Q4 in the bench note.)
 */
class QuantizedGoldenTest {
    static VisionLanguageModel q8;

    @BeforeAll
    static void load() {
        q8 = VisionLanguageModel.load(GoldenCase.fixture(), 64L << 20, new WeightOptions(Quantization.Q8_0, null));
    }

    @AfterAll
    static void close() {
        if (q8 != null) q8.close();
    }

    static Answer run(VisionLanguageModel vlm, GoldenCase g) throws Exception {
        List<Path> images = new ArrayList<>();
        for (var n : g.json().get("images")) images.add(GoldenCase.fixture().resolve("golden").resolve(n.asText()));
        Prompt p = new Prompt(null, g.ints("input_ids"), images);
        return vlm.answer(p, 4, GenerationOptions.greedy(g.ints("generated_ids").length, vlm.stopIds()), id -> {}, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image_question", "text_only", "text_before_image", "chat_multiturn", "chat_text_only",
            "alpha_image", "two_images", "long_text"})
    void q8GreedyTokensEqualTheReference(String name) throws Exception {
        GoldenCase g = GoldenCase.load(name);
        Answer a = run(q8, g);
        int[] want = g.ints("generated_ids"), got = a.result().generatedIds();
        int first = 0;
        while (first < Math.min(want.length, got.length) && want[first] == got[first]) first++;
        var top = g.json().get("first_step_top5").get("logits");
        System.out.printf("%s: q8_0 first-step top-1 logit %.4f (reference %.4f), tokens equal through %d of %d%n",
                name, a.result().firstStepTop5Logits()[0], top.get(0).asDouble(), first, want.length);
        assertArrayEquals(want, got, name + ": q8_0 tokens first differ at step " + first);
    }

    @Test
    void theDecoderMatricesAreQuantizedAndTheVisionTowerIsNot() {
        var ckpt = q8.checkpoint();
        String p = "language_model.model.layers.0.mlp.down_proj.weight";
        assertEquals("Q8Matrix", ckpt.tensor(p).asMatrix().getClass().getSimpleName());
        assertEquals("Q8Matrix", ckpt.tensor("language_model.lm_head.weight").asMatrix().getClass().getSimpleName());
        assertEquals("Bf16Matrix", ckpt.tensor("vision_model.transformer.layers.0.mlp.fc1.weight").asMatrix().getClass().getSimpleName());
        assertTrue(q8.decoder().weightBytesPerToken() > 0);
    }
}
