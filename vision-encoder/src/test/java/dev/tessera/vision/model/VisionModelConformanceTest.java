package dev.tessera.vision.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.llama.GoldenCase;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.SafeTensorsFile;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vision encoder on the golden pixel values: every intermediate tensor within 1e-4 of the reference. */
class VisionModelConformanceTest {
    static ModelConfig cfg;
    static Checkpoint ckpt;
    static MllamaVisionModel vision;

    @BeforeAll
    static void load() {
        var dir = GoldenCase.fixture();
        cfg = ModelConfig.load(dir);
        ckpt = Checkpoint.open(dir);
        vision = MllamaVisionModel.load(ckpt, cfg.vision());
    }

    @AfterAll
    static void close() {
        if (ckpt != null) ckpt.close();
    }

    static void assertClose(float[] want, int wantOff, float[] got, int n, String what) {
        float diff = GoldenCase.maxAbsDiff(want, wantOff, got, 0, n);
        assertTrue(diff <= 1e-4, what + ": max abs diff " + diff);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image_question", "text_before_image", "chat_multiturn", "alpha_image", "two_images"})
    void everyStageMatchesTheReference(String name) throws Exception {
        GoldenCase g = GoldenCase.load(name);
        var vc = cfg.vision();
        int tiles = vc.maxNumTiles(), s = vc.imageSize(), h = vc.hiddenSize(), np = vc.patchesPerTile(), p8 = vc.paddedPatchesPerTile();
        int seq = tiles * p8, pixels = tiles * 3 * s * s, out = tiles * np * vc.visionOutputDim();
        float[] pv = g.tensor("pixel_values"), lnPre = g.tensor("vision_after_ln_pre"), local = g.tensor("vision_local_output");
        float[] output = g.tensor("vision_output");
        byte[] pairs;
        try (SafeTensorsFile f = SafeTensorsFile.open(g.tensors())) {
            pairs = f.tensor("vision_attn_masked_pairs").toByteArray();
        }
        var arIds = g.json().get("aspect_ratio_ids").get(0);
        var numTiles = g.json().get("num_tiles").get(0);
        for (int m = 0; m < arIds.size(); m++) {
            final int img = m;
            float[] result = vision.encode(Arrays.copyOfRange(pv, m * pixels, (m + 1) * pixels), arIds.get(m).asInt(),
                    numTiles.get(m).asInt(), new VisionTrace() {
                        @Override
                        public void afterLayernormPre(float[] x) {
                            assertClose(lnPre, img * seq * h, x, seq * h, name + " image " + img + ": vision_after_ln_pre");
                        }

                        @Override
                        public void maskedTokens(boolean[] masked) {
                            byte[] mine = new byte[seq * seq];
                            for (int i = 0; i < seq; i++) {
                                for (int j = 0; j < seq; j++) mine[i * seq + j] = (byte) (masked[i] && masked[j] ? 1 : 0);
                            }
                            assertArrayEquals(Arrays.copyOfRange(pairs, img * seq * seq, (img + 1) * seq * seq), mine,
                                    name + " image " + img + ": vision_attn_masked_pairs");
                        }

                        @Override
                        public void localOutput(float[] x) {
                            assertClose(local, img * seq * h, x, seq * h, name + " image " + img + ": vision_local_output");
                        }
                    });
            assertClose(output, m * out, result, out, name + " image " + m + ": vision_output");
        }
    }
}
