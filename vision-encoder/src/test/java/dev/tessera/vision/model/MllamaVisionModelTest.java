package dev.tessera.vision.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.config.VisionConfig;
import dev.tessera.engine.safetensors.Checkpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The vision tower of tiny-mllama against the golden vision tensors of every image case (README rules 11-16). */
class MllamaVisionModelTest {
    static final float TOLERANCE = 1e-4f;
    static Checkpoint ckpt;
    static VisionConfig cfg;
    static MllamaVisionModel model;

    @BeforeAll
    static void load() {
        var dir = VisionGolden.fixture();
        cfg = ModelConfig.load(dir).vision();
        ckpt = Checkpoint.open(dir);
        model = MllamaVisionModel.load(ckpt, cfg);
    }

    @AfterAll
    static void close() {
        if (ckpt != null) ckpt.close();
    }

    static List<VisionGolden.Image> images() throws IOException {
        List<VisionGolden.Image> all = new ArrayList<>();
        for (String c : new String[] {"image_question", "text_before_image", "chat_multiturn", "alpha_image", "two_images"}) {
            all.addAll(List.of(VisionGolden.images(c)));
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void visionTensorsMatchTheReference(VisionGolden.Image img) {
        int n = cfg.maxNumTiles() * cfg.paddedPatchesPerTile();
        float[][] seen = new float[2][];
        VisionOutput out = model.encode(img.pixels(), img.aspectRatioId(), img.numTiles(), (point, layer, x, tokens) -> {
            assertEquals(n, tokens);
            switch (point) {
                case AFTER_LN_PRE -> seen[0] = java.util.Arrays.copyOf(x, tokens * cfg.hiddenSize());
                case LOCAL_OUTPUT -> seen[1] = java.util.Arrays.copyOf(x, tokens * cfg.hiddenSize());
                default -> { }
            }
        });
        float lnPre = VisionGolden.maxAbsDiff(img.afterLnPre(), seen[0]);
        float local = VisionGolden.maxAbsDiff(img.localOutput(), seen[1]);
        float output = VisionGolden.maxAbsDiff(img.output(), out.features());
        System.out.printf("%s: max abs diff after_ln_pre %.3g, local_output %.3g, vision_output %.3g%n", img, lnPre, local, output);
        assertTrue(lnPre <= TOLERANCE, img + ": vision_after_ln_pre max abs diff " + lnPre);
        assertTrue(local <= TOLERANCE, img + ": vision_local_output max abs diff " + local);
        assertTrue(output <= TOLERANCE, img + ": vision_output max abs diff " + output);
        assertEquals(cfg.maxNumTiles(), out.tiles());
        assertEquals(cfg.patchesPerTile(), out.patches());
        assertEquals(cfg.visionOutputDim(), out.dim());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void attentionMaskBlocksExactlyTheReferencePairs(VisionGolden.Image img) {
        VisionAttentionMask mask = model.attentionMask(img.numTiles());
        int n = mask.tokens();
        assertEquals(n * n, img.maskedPairs().length, img + ": mask size");
        int mismatches = 0, blocked = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean want = img.maskedPairs()[i * n + j] != 0;
                if (want) blocked++;
                if (want != mask.blocked(i, j)) mismatches++;
            }
        }
        assertEquals(0, mismatches, img + ": pairs that differ from vision_attn_masked_pairs (" + blocked + " blocked)");
    }

    @Test
    void badInputNamesTheProblem() throws IOException {
        VisionGolden.Image img = VisionGolden.images("image_question")[0];
        var e1 = assertThrows(BadInputException.class, () -> model.encode(new float[7], 6, 4));
        assertTrue(e1.getMessage().contains("pixel values"), e1.getMessage());
        var e2 = assertThrows(BadInputException.class, () -> model.encode(img.pixels(), 9, 4));
        assertTrue(e2.getMessage().contains("aspect_ratio_id 9"), e2.getMessage());
        var e3 = assertThrows(BadInputException.class, () -> model.encode(img.pixels(), 6, 3));
        assertTrue(e3.getMessage().contains("num_tiles 3"), e3.getMessage());
    }
}
