package dev.tessera.mllama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.InsufficientMemoryException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ContentPart;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.llama.GoldenCase;
import dev.tessera.engine.quant.WeightOptions;
import dev.tessera.engine.tensor.Quantization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory check before loading, and the limits on one request: images per message, context, token budget. */
class ModelLimitsTest {
    static final Path FIXTURE = GoldenCase.fixture();
    static final long GIB = 1L << 30;

    @TempDir
    Path tmp;

    private static LoadOptions withMemory(long bytes, long heap) {
        return LoadOptions.defaults().withMemory(() -> new AvailableMemory(bytes, "the test", heap));
    }

    @Test
    void tooLittleMemoryIsRefusedBeforeLoadingWithTheNumbersAndTheWayOut() {
        var e = assertThrows(InsufficientMemoryException.class,
                () -> VisionLanguageModel.load(FIXTURE, withMemory(100L << 20, 8 * GIB)));
        String m = e.getMessage();
        assertTrue(m.startsWith("not enough memory for tiny-mllama"), m);
        assertTrue(m.contains("0.10 GiB is available (the test)"), m);
        assertTrue(m.contains("--ignore-memory-check"), m);
        assertTrue(m.contains("--context"), m);
    }

    @Test
    void aHeapTooSmallForTheContextIsRefused() {
        var e = assertThrows(InsufficientMemoryException.class,
                () -> VisionLanguageModel.load(FIXTURE, withMemory(64 * GIB, 256L << 20)));
        assertTrue(e.getMessage().contains("the Java heap is too small"), e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
    }

    @Test
    void theOverrideLoadsAnyway() {
        try (VisionLanguageModel vlm = VisionLanguageModel.load(FIXTURE, withMemory(1, 1).withoutMemoryCheck())) {
            assertEquals(LoadOptions.DEFAULT_CONTEXT, vlm.contextTokens());
        }
    }

    @Test
    void theEstimateGrowsWithTheContextByTheKvCache() {
        try (VisionLanguageModel vlm = VisionLanguageModel.load(FIXTURE, LoadOptions.defaults().withoutMemoryCheck())) {
            ModelInfo info = ModelInfo.of(vlm.config(), vlm.checkpoint());
            long small = info.bytesNeeded(vlm.config(), 1000, 1), large = info.bytesNeeded(vlm.config(), 2000, 1);
            // tiny-mllama: 6 layers of which 2 cross-attention (their keys/values come from the image, counted
            // apart), 2 KV heads of 12 dims, keys and values in float32
            assertEquals(1000L * (6 - 2) * 2 * 2 * 12 * Float.BYTES, large - small);
            assertTrue(small > info.weightBytes(), "weights plus caches");
        }
    }

    @Test
    void quantizedWeightsNeedLessResidentMemory() {
        try (VisionLanguageModel vlm = VisionLanguageModel.load(FIXTURE, LoadOptions.defaults().withoutMemoryCheck())) {
            var ckpt = vlm.checkpoint();
            long bf16 = MemoryCheck.residentWeightBytes(ckpt, Quantization.BF16);
            long q8 = MemoryCheck.residentWeightBytes(ckpt, Quantization.Q8_0), q4 = MemoryCheck.residentWeightBytes(ckpt, Quantization.Q4_0);
            assertEquals(ModelInfo.of(vlm.config(), ckpt).weightBytes(), bf16, "bf16: the checkpoint as it is");
            assertTrue(q4 < q8 && q8 < bf16, bf16 + " > " + q8 + " > " + q4);
        }
        var e = assertThrows(InsufficientMemoryException.class, () -> VisionLanguageModel.load(FIXTURE,
                withMemory(100L << 20, 8 * GIB).withWeights(new WeightOptions(Quantization.Q8_0, null))));
        assertTrue(e.getMessage().contains("weights (q8_0) "), e.getMessage());
    }

    @Test
    void memAvailableIsReadFromMeminfo() throws Exception {
        Path meminfo = Files.writeString(tmp.resolve("meminfo"), "MemTotal:       16000000 kB\nMemFree:  1 kB\nMemAvailable:    8000000 kB\n");
        assertEquals(8_000_000L * 1024, AvailableMemory.memAvailable(meminfo));
        assertEquals(-1, AvailableMemory.memAvailable(tmp.resolve("absent")));
        assertEquals(-1, AvailableMemory.memAvailable(Files.writeString(tmp.resolve("odd"), "MemAvailable: lots\n")));
    }

    @Test
    void aContextBeyondTheModelsPositionsIsRefused() {
        var e = assertThrows(BadInputException.class,
                () -> VisionLanguageModel.load(FIXTURE, LoadOptions.defaults().withoutMemoryCheck().withContext(131073)));
        assertTrue(e.getMessage().contains("max_position_embeddings 131072"), e.getMessage());
    }

    @Test
    void moreImagesThanAllowedInOneMessageAreRefused() {
        try (VisionLanguageModel vlm = VisionLanguageModel.load(FIXTURE, LoadOptions.defaults().withoutMemoryCheck())) {
            List<ContentPart> parts = new ArrayList<>();
            for (int i = 0; i <= PromptLimits.MAX_IMAGES_PER_MESSAGE; i++) parts.add(new ContentPart.Image(FIXTURE.resolve("golden/chart.png")));
            parts.add(new ContentPart.Text("Compare them."));
            var e = assertThrows(BadInputException.class, () -> vlm.chatPrompt(List.of(new ChatMessage("user", parts)), Map.of()));
            assertTrue(e.getMessage().startsWith("message 1 (user) has 5 images; at most 4"), e.getMessage());
            var raw = assertThrows(BadInputException.class, () -> vlm.rawPrompt("<|image|>".repeat(5) + "Hi",
                    Collections.nCopies(5, FIXTURE.resolve("golden/chart.png"))));
            assertTrue(raw.getMessage().startsWith("the prompt has 5 images"), raw.getMessage());
        }
    }

    @Test
    void aPromptThatFillsTheContextIsRefusedNotTrimmed() {
        try (VisionLanguageModel vlm = VisionLanguageModel.load(FIXTURE, LoadOptions.defaults().withoutMemoryCheck().withContext(32))) {
            var e = assertThrows(BadInputException.class,
                    () -> vlm.chatPrompt(List.of(ChatMessage.text("user", "word ".repeat(40))), Map.of()));
            assertTrue(e.getMessage().contains("but the context holds 32 (--context)"), e.getMessage());
        }
    }

    @Test
    void generationStopsAtTheEndOfTheContextAndAtMaxTokens() {
        try (VisionLanguageModel vlm = VisionLanguageModel.load(FIXTURE, LoadOptions.defaults().withoutMemoryCheck().withContext(24))) {
            Prompt p = vlm.rawPrompt("Tell me a story.", List.of());
            int room = 24 - p.ids().length;
            assertTrue(room > 3, "the test needs room for a few tokens: " + room);
            // no stop tokens: only the budget ends it
            Answer a = vlm.answer(p, 1, new GenerationOptions(1000, 0, 1, 0, 0, new int[0]), id -> {}, null);
            assertEquals(room, a.result().generatedIds().length, "the answer fills the context and no more");
            Answer b = vlm.answer(p, 1, new GenerationOptions(3, 0, 1, 0, 0, new int[0]), id -> {}, null);
            assertEquals(3, b.result().generatedIds().length, "--max-tokens bounds the answer");
        }
    }
}
