package dev.tessera.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.checkpoint.RandomCheckpoint.Options;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.config.TextConfig;
import dev.tessera.engine.config.VisionConfig;
import dev.tessera.engine.kernels.Bf16;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.ProgressListener;
import dev.tessera.engine.safetensors.SafeTensorsFile;
import dev.tessera.engine.safetensors.SharedDir;
import dev.tessera.engine.safetensors.TensorInfo;
import dev.tessera.engine.tensor.DType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomCheckpointTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    private static Options fromFixture() {
        return Options.defaults().withTokenizerSource(SharedDir.tinyMllama());
    }

    private static Map<String, PlannedTensor> byName(List<PlannedTensor> plan) {
        return plan.stream().collect(Collectors.toMap(PlannedTensor::name, Function.identity()));
    }

    @Test
    void the11bPlanHasTheSpecsTensorsAndParameters() {
        List<PlannedTensor> plan = RandomCheckpoint.plan(Preset.L11B, Options.defaults());
        assertEquals(906, plan.size());
        assertEquals(906, new HashSet<>(plan.stream().map(PlannedTensor::name).toList()).size(), "names unique");
        assertEquals(10_670_220_835L, RandomCheckpoint.parameterCount(plan));
        assertEquals(511, plan.stream().filter(t -> !t.name().startsWith("language_model.")).count(), "vision + projector");
        Map<String, PlannedTensor> m = byName(plan);
        assertArrayEquals(new long[] {128264, 4096}, m.get("language_model.model.embed_tokens.weight").shape());
        assertArrayEquals(new long[] {128256, 4096}, m.get("language_model.lm_head.weight").shape());
        assertArrayEquals(new long[] {9, 8197120}, m.get("vision_model.gated_positional_embedding.tile_embedding.weight").shape());
        assertArrayEquals(new long[] {4096, 7680}, m.get("multi_modal_projector.weight").shape());
        assertArrayEquals(new long[] {1280, 3, 14, 14}, m.get("vision_model.patch_embedding.weight").shape());
        assertArrayEquals(new long[] {1024, 4096}, m.get("language_model.model.layers.38.cross_attn.k_proj.weight").shape());
        assertArrayEquals(new long[] {128}, m.get("language_model.model.layers.3.cross_attn.q_norm.weight").shape());
        assertArrayEquals(new long[] {14336, 4096}, m.get("language_model.model.layers.39.mlp.up_proj.weight").shape());
        assertFalse(m.containsKey("language_model.model.layers.3.self_attn.q_proj.weight"), "cross layers replace self-attention");
        assertArrayEquals(new int[] {3, 8, 13, 18, 23, 28, 33, 38}, RandomCheckpoint.shape(Preset.L11B, Options.defaults()).text().crossLayers());
        assertEquals(21_340_441_670L, 2 * RandomCheckpoint.parameterCount(plan), "bf16 bytes, as the spec computes");
    }

    @Test
    void the90bAndTextPlansMatchThePublishedSizes() {
        List<PlannedTensor> p90 = RandomCheckpoint.plan(Preset.L90B, Options.defaults());
        assertEquals(88_593_355_323L, RandomCheckpoint.parameterCount(p90));
        assertEquals(511 + 80 * 9 + 20 * 13 + 3, p90.size());
        assertArrayEquals(new long[] {8192, 7680}, byName(p90).get("multi_modal_projector.weight").shape());
        // Llama 3.1 8B and Llama 3.2 1B (tied: no lm_head tensor) as published.
        assertEquals(8_030_261_248L, RandomCheckpoint.parameterCount(RandomCheckpoint.plan(Preset.TEXT_8B, Options.defaults())));
        List<PlannedTensor> p1 = RandomCheckpoint.plan(Preset.TEXT_1B, Options.defaults());
        assertEquals(1_235_814_400L, RandomCheckpoint.parameterCount(p1));
        assertFalse(byName(p1).containsKey("lm_head.weight"));
        assertArrayEquals(new long[] {512, 2048}, byName(p1).get("model.layers.15.self_attn.k_proj.weight").shape());
        assertArrayEquals(new long[] {128256, 4096},
                byName(RandomCheckpoint.plan(Preset.TEXT_8B, Options.defaults())).get("lm_head.weight").shape());
    }

    @Test
    void reducedLayersKeepTheRealInterleave() {
        Function<Options, int[]> cross = o -> RandomCheckpoint.shape(Preset.L11B, o).text().crossLayers();
        assertArrayEquals(new int[] {3}, cross.apply(Options.defaults().withTextLayers(5)));
        assertArrayEquals(new int[] {3, 8}, cross.apply(Options.defaults().withTextLayers(10)));
        assertArrayEquals(new int[] {3}, cross.apply(Options.defaults().withTextLayers(7)));
        assertArrayEquals(new int[] {1}, cross.apply(Options.defaults().withTextLayers(2)), "at least one cross layer");
        assertArrayEquals(new int[] {3, 8, 13, 18, 23, 28, 33, 38}, cross.apply(Options.defaults().withTextLayers(40).withCrossLayers(8)));
        assertArrayEquals(new int[] {3, 8, 13, 18, 23, 28, 33, 38, 43, 48, 53, 58, 63, 68, 73, 78, 83, 88, 93, 98},
                RandomCheckpoint.shape(Preset.L90B, Options.defaults()).text().crossLayers());
        assertArrayEquals(new int[] {1, 4}, RandomCheckpoint.shape(Preset.TINY, Options.defaults().withCrossLayers(2)).text().crossLayers());
        assertArrayEquals(new int[] {1, 4, 7}, RandomCheckpoint.shape(Preset.TINY, Options.defaults().withTextLayers(9)).text().crossLayers());
        assertArrayEquals(new int[] {0, 1, 2}, cross.apply(Options.defaults().withTextLayers(3).withCrossLayers(3)));
        assertArrayEquals(new int[] {}, cross.apply(Options.defaults().withTextLayers(3).withCrossLayers(0)));
        int[] four = cross.apply(Options.defaults().withTextLayers(12).withCrossLayers(4));
        assertEquals(4, four.length);
        for (int i = 1; i < four.length; i++) assertTrue(four[i] > four[i - 1] && four[i] < 12, java.util.Arrays.toString(four));

        Function<Integer, int[]> inter = n -> RandomCheckpoint.shape(Preset.L11B, Options.defaults().withVisionLayers(n))
                .vision().intermediateLayers();
        assertArrayEquals(new int[] {3, 7, 15, 23, 30}, inter.apply(32));
        assertArrayEquals(new int[] {0, 1, 3, 5, 7}, inter.apply(8));
        assertArrayEquals(new int[] {0}, inter.apply(1));
        assertThrows(BadInputException.class, () -> RandomCheckpoint.shape(Preset.L11B, Options.defaults().withTextLayers(3).withCrossLayers(4)));
        assertThrows(BadInputException.class, () -> RandomCheckpoint.shape(Preset.TEXT_8B, Options.defaults().withVisionLayers(1)));
        assertThrows(BadInputException.class, () -> RandomCheckpoint.shape(Preset.L11B, Options.defaults().withTextLayers(0)));
    }

    @Test
    void tinyIsAValidModelFolderWithEveryFixtureTensor() throws IOException {
        Path fixture = SharedDir.tinyMllama();
        List<long[]> progress = new java.util.ArrayList<>();
        RandomCheckpoint.Result r = RandomCheckpoint.write(dir, Preset.TINY, fromFixture(),
                (done, total) -> progress.add(new long[] {done, total}));
        assertEquals(List.of(dir.resolve(Checkpoint.SINGLE)), r.weightFiles());
        assertEquals(r.tensorBytes(), progress.getLast()[0]);

        ModelConfig want = ModelConfig.load(fixture), got = ModelConfig.load(dir);
        assertEquals(want.modelType(), got.modelType());
        assertEquals(want.imageTokenIndex(), got.imageTokenIndex());
        assertArrayEquals(want.eosTokenIds(), got.eosTokenIds());
        assertTextEquals(want.text(), got.text());
        assertVisionEquals(want.vision(), got.vision());
        for (String f : List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "chat_template.json")) {
            assertEquals(-1, Files.mismatch(fixture.resolve(f), dir.resolve(f)), f + " copied");
        }
        for (String f : List.of("generation_config.json", "preprocessor_config.json")) {
            assertEquals(JSON.readTree(fixture.resolve(f).toFile()), JSON.readTree(dir.resolve(f).toFile()), f);
        }

        try (SafeTensorsFile ref = SafeTensorsFile.open(fixture.resolve(Checkpoint.SINGLE)); Checkpoint mine = Checkpoint.open(dir)) {
            assertEquals(new TreeSet<>(ref.names()), new TreeSet<>(mine.names()), "same tensor set");
            for (TensorInfo t : ref.infos().values()) {
                assertTrue(mine.has(t.name()), t.name());
                assertArrayEquals(t.shape(), mine.info(t.name()).shape(), t.name());
                assertEquals(DType.BF16, mine.info(t.name()).dtype(), t.name());
            }
            checkValueRanges(mine);
        }
    }

    /** Linear weights within ±0.5/sqrt(in), norms near 1, gates near 0.1, aspect-ratio row 0 zero. */
    private static void checkValueRanges(Checkpoint c) {
        float[] q = c.tensor("language_model.model.layers.0.self_attn.q_proj.weight").toFloatArray();
        float bound = (float) (0.5 / Math.sqrt(48)) * 1.01f;
        double sum = 0, sq = 0;
        for (float v : q) {
            assertTrue(Math.abs(v) <= bound, "q_proj value " + v);
            sum += v;
            sq += v * v;
        }
        double std = Math.sqrt(sq / q.length - (sum / q.length) * (sum / q.length));
        assertEquals(bound / 1.01 / Math.sqrt(3), std, 0.1 * std, "uniform's standard deviation");
        for (float v : c.tensor("language_model.model.norm.weight").toFloatArray()) assertTrue(v > 0.94f && v < 1.06f, "norm " + v);
        float gate = c.tensor("language_model.model.layers.1.cross_attn_attn_gate").scalar();
        assertTrue(gate > 0.04f && gate < 0.16f, "gate " + gate);
        float[] tile = c.tensor("vision_model.gated_positional_embedding.tile_embedding.weight").toFloatArray();
        for (int i = 0; i < 2176; i++) assertEquals(0f, tile[i], "row 0 (no image) is zero");
        assertNotEquals(0f, tile[2176]);
    }

    private static void assertTextEquals(TextConfig a, TextConfig b) {
        assertEquals(a.hiddenSize(), b.hiddenSize());
        assertEquals(a.numHiddenLayers(), b.numHiddenLayers());
        assertEquals(a.numAttentionHeads(), b.numAttentionHeads());
        assertEquals(a.numKeyValueHeads(), b.numKeyValueHeads());
        assertEquals(a.headDim(), b.headDim());
        assertEquals(a.intermediateSize(), b.intermediateSize());
        assertEquals(a.rmsNormEps(), b.rmsNormEps());
        assertEquals(a.ropeTheta(), b.ropeTheta());
        assertEquals(a.ropeScaling(), b.ropeScaling());
        assertEquals(a.vocabSize(), b.vocabSize());
        assertEquals(a.maxPositionEmbeddings(), b.maxPositionEmbeddings());
        assertEquals(a.tieWordEmbeddings(), b.tieWordEmbeddings());
        assertArrayEquals(a.crossAttentionLayers(), b.crossAttentionLayers());
    }

    private static void assertVisionEquals(VisionConfig a, VisionConfig b) {
        assertEquals(a.hiddenSize(), b.hiddenSize());
        assertEquals(a.attentionHeads(), b.attentionHeads());
        assertEquals(a.numHiddenLayers(), b.numHiddenLayers());
        assertEquals(a.numGlobalLayers(), b.numGlobalLayers());
        assertEquals(a.intermediateSize(), b.intermediateSize());
        assertEquals(a.imageSize(), b.imageSize());
        assertEquals(a.patchSize(), b.patchSize());
        assertEquals(a.maxNumTiles(), b.maxNumTiles());
        assertArrayEquals(a.intermediateLayersIndices(), b.intermediateLayersIndices());
        assertEquals(a.visionOutputDim(), b.visionOutputDim());
        assertEquals(a.normEps(), b.normEps());
        assertArrayEquals(a.supportedAspectRatios(), b.supportedAspectRatios());
    }

    @Test
    void valuesDependOnSeedAndNameOnlyNotOnShardingOrDtype() throws IOException {
        Options small = fromFixture().withTextLayers(2).withVisionLayers(1).withGlobalLayers(1);
        Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c");
        RandomCheckpoint.write(a, Preset.TINY, small, ProgressListener.NONE);
        RandomCheckpoint.Result rb = RandomCheckpoint.write(b, Preset.TINY, small.withShards(4_000_000, true), ProgressListener.NONE);
        RandomCheckpoint.write(c, Preset.TINY, small.withTextLayers(1).withDtype(DType.F32), ProgressListener.NONE);
        assertTrue(rb.weightFiles().size() >= 4, "sharded: " + rb.weightFiles());
        ModelConfig cfg = ModelConfig.load(a);
        assertArrayEquals(new int[] {1}, cfg.text().crossAttentionLayers());
        assertEquals(1, cfg.vision().numHiddenLayers());
        assertEquals(64, cfg.vision().visionOutputDim(), "one intermediate layer left");
        try (Checkpoint ca = Checkpoint.open(a); Checkpoint cb = Checkpoint.open(b); Checkpoint cc = Checkpoint.open(c)) {
            assertEquals(ca.names().stream().sorted().toList(), cb.names().stream().sorted().toList());
            for (String n : ca.names()) {
                assertEquals(-1, ca.tensor(n).segment().mismatch(cb.tensor(n).segment()), n);
            }
            assertArrayEquals(new long[] {48, 64}, ca.info("multi_modal_projector.weight").shape());
            assertArrayEquals(new int[] {0}, ModelConfig.load(c).text().crossAttentionLayers());
            assertEquals("float32", JSON.readTree(c.resolve("config.json").toFile()).get("torch_dtype").asText());
            // Same seed and name: the F32 model holds exactly the values the BF16 one rounds.
            String shared = "vision_model.transformer.layers.0.self_attn.q_proj.weight";
            assertEquals(DType.F32, cc.info(shared).dtype());
            float[] f32 = cc.tensor(shared).toFloatArray();
            MemorySegment bf16 = ca.tensor(shared).segment();
            for (int i = 0; i < f32.length; i++) {
                assertEquals(Bf16.fromFloat(f32[i]), bf16.getAtIndex(SHORT_LE, i), shared + " element " + i);
            }
        }
    }

    @Test
    void textPresetConfigsLoadAsPlainLlama() throws IOException {
        Path d8 = dir.resolve("8b"), d1 = dir.resolve("1b");
        HfConfigFiles.writeAll(d8, RandomCheckpoint.shape(Preset.TEXT_8B, Options.defaults().withTextLayers(4)), DType.BF16,
                SharedDir.tinyMllama());
        HfConfigFiles.writeAll(d1, Preset.TEXT_1B.shape(), DType.BF16, SharedDir.tinyMllama());
        TextConfig t8 = ModelConfig.load(d8).text(), t1 = ModelConfig.load(d1).text();
        assertFalse(ModelConfig.load(d8).isVision());
        assertEquals(List.of(4096, 4, 32, 8, 128, 14336, 128256), List.of(t8.hiddenSize(), t8.numHiddenLayers(),
                t8.numAttentionHeads(), t8.numKeyValueHeads(), t8.headDim(), t8.intermediateSize(), t8.vocabSize()));
        assertFalse(t8.tieWordEmbeddings());
        assertEquals(8.0, t8.ropeScaling().factor());
        assertEquals("llama3", t8.ropeScaling().type());
        assertEquals(List.of(2048, 16, 32, 8, 64, 8192), List.of(t1.hiddenSize(), t1.numHiddenLayers(),
                t1.numAttentionHeads(), t1.numKeyValueHeads(), t1.headDim(), t1.intermediateSize()));
        assertTrue(t1.tieWordEmbeddings());
        assertEquals(32.0, t1.ropeScaling().factor());
        assertFalse(Files.exists(d1.resolve("preprocessor_config.json")));
    }

    @Test
    void theRealPresetsConfigsLoad() throws IOException {
        for (Preset p : List.of(Preset.L11B, Preset.L90B)) {
            Path d = dir.resolve(p.cliName());
            HfConfigFiles.writeAll(d, p.shape(), DType.BF16, SharedDir.tinyMllama());
            ModelConfig c = ModelConfig.load(d);
            assertEquals(p == Preset.L11B ? 4096 : 8192, c.text().hiddenSize());
            assertEquals(p == Preset.L11B ? 40 : 100, c.text().numHiddenLayers());
            assertEquals(7680, c.vision().visionOutputDim());
            assertEquals(1601, c.vision().patchesPerTile());
            assertArrayEquals(new int[] {3, 7, 15, 23, 30}, c.vision().intermediateLayersIndices());
        }
    }

    @Test
    void badOptionsAndAMissingTokenizerSourceAreBadInput() {
        assertThrows(BadInputException.class, () -> RandomCheckpoint.write(dir, Preset.TINY, fromFixture().withDtype(DType.F16),
                ProgressListener.NONE));
        BadInputException e = assertThrows(BadInputException.class, () -> RandomCheckpoint.write(dir, Preset.TINY,
                Options.defaults().withTokenizerSource(dir.resolve("nowhere")), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
        assertThrows(BadInputException.class, () -> Preset.parse("7b"));
        assertEquals(Preset.TEXT_8B, Preset.parse("8b-text"));
    }
}
