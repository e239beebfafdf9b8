package dev.tessera.bench;

import dev.tessera.engine.bench.MachineProbe;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.config.TextConfig;
import dev.tessera.engine.config.VisionConfig;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.llama.LlamaModel;
import dev.tessera.engine.llama.Sequence;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.tensor.WeightMatrix;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.quant.WeightOptions;
import dev.tessera.engine.tensor.Quantization;
import dev.tessera.mllama.Answer;
import dev.tessera.mllama.Prompt;
import dev.tessera.mllama.VisionLanguageModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Speed of a model folder (random weights at a real shape, or real ones): load, memory, vision encoder,
 * prefill, decode and time to first token. Figures measured on a model with fewer layers are extrapolated to
 * the full model per layer (compute) or per byte (decode, which streams every weight once per token).
 */
public final class ModelBench {
    /** The full model the figures are extrapolated to (layers of the real checkpoint). */
    public record FullShape(int selfLayers, int crossLayers, int visionLayers, long decodeBytesPerToken) {}

    private final Path dir;
    private final java.util.Map<Integer, MachineProbe.Limits> limitsByThreads;
    private final List<Figure> figures = new ArrayList<>();
    private MachineProbe.Limits limits; // of the thread count being measured
    private int idleSeconds;            // > 0: also time a follow-up question after this long idle

    /** Also measure time to first token after the model sat idle this long (mapped pages may be reclaimed). */
    public ModelBench idleSeconds(int seconds) {
        this.idleSeconds = seconds;
        return this;
    }

    /** @param limits the machine's measured limits for each thread count the bench runs with */
    public ModelBench(Path dir, java.util.Map<Integer, MachineProbe.Limits> limits) {
        this.dir = dir;
        this.limitsByThreads = limits;
    }

    /**
     * @param quants  formats of the decoder's matrices to measure prefill and decode in (vision and time to first
     *                token run once, on the checkpoint's own weights)
     * @param threads thread counts for prefill and decode; the vision encoder runs with the last (largest)
     */
    public List<Figure> run(FullShape full, int promptTokens, int decodeTokens, Path scratch, List<Quantization> quants,
                            int[] threads) throws Exception {
        long rss0 = Rss.bytes();
        long t0 = System.nanoTime();
        long bf16LayerWeights;
        try (VisionLanguageModel vlm = VisionLanguageModel.load(dir)) {
            add("load_s", (System.nanoTime() - t0) / 1e9, "s", null, "config, tokenizer, mmap, layer setup");
            ModelConfig cfg = vlm.config();
            bf16LayerWeights = (vlm.decoder().weightBytesPerToken() - vlm.decoder().headBytes()) / 2;
            Parallel.setThreads(threads[threads.length - 1]);
            limits = limitsByThreads.get(threads[threads.length - 1]);
            if (cfg.isVision()) visionFigures(vlm, cfg.vision(), full, promptTokens, threads[threads.length - 1], scratch);
            add("rss_gb", Rss.bytes() / 1e9, "GB", null, "resident memory after the vision and first-token runs (mapped weights "
                    + "count once touched; " + String.format(java.util.Locale.ROOT, "%.2f", rss0 / 1e9) + " GB before loading)");
        }
        for (Quantization q : quants) {
            long q0 = System.nanoTime();
            try (VisionLanguageModel vlm = VisionLanguageModel.load(dir, 0, new WeightOptions(q, null))) {
                if (q != Quantization.BF16) {
                    add("quantize_s." + q.id(), (System.nanoTime() - q0) / 1e9, "s", null, "load and quantize in memory, no cache");
                    quantErrors(vlm.checkpoint(), q);
                }
                TextConfig text = vlm.config().text();
                int selfLayers = text.numHiddenLayers() - text.crossAttentionLayers().length;
                for (int t : threads) {
                    Parallel.setThreads(t);
                    limits = limitsByThreads.get(t);
                    textFigures(vlm.decoder(), q, bf16LayerWeights, (long) text.vocabSize() * text.hiddenSize(), selfLayers,
                            text.crossAttentionLayers().length, full,
                            promptTokens, decodeTokens, t);
                }
            }
        }
        return figures;
    }

    private void textFigures(LlamaModel model, Quantization q, long layerWeights, long headWeights, int selfLayers,
                             int crossLayers, FullShape full,
                             int promptTokens, int decodeTokens, int t) {
        SplittableRandom rnd = new SplittableRandom(1);
        int[] prompt = new int[promptTokens];
        for (int i = 0; i < prompt.length; i++) prompt[i] = 1000 + rnd.nextInt(100_000);
        // Warm-up until the JIT has compiled the decode path: a few tokens are not enough for C2.
        Sequence warm = model.newSequence(64);
        model.forward(warm, prompt, 0, Math.min(16, promptTokens));
        for (int i = 0; i < 8; i++) model.forward(warm, prompt, i, 1);

        Sequence seq = model.newSequence(promptTokens + decodeTokens);
        long p0 = System.nanoTime();
        float[] logits = model.forward(seq, prompt, 0, promptTokens);
        double prefillS = (System.nanoTime() - p0) / 1e9;
        int[] one = new int[1];
        long d0 = System.nanoTime();
        for (int i = 0; i < decodeTokens; i++) {
            one[0] = dev.tessera.engine.kernels.VectorMath.argmax(logits, logits.length);
            logits = model.forward(seq, one, 0, 1);
        }
        double decodeS = (System.nanoTime() - d0) / 1e9;
        long bytes = model.weightBytesPerToken();
        double gbs = bytes * decodeTokens / decodeS / 1e9;
        // One multiply-add (2 FLOP) per weight and token; the lm_head runs for the last prompt token only.
        double prefillGflops = 2.0 * ((double) promptTokens * layerWeights + headWeights) / prefillS / 1e9;
        double prefillTps = promptTokens / prefillS;
        String layersNote = selfLayers + " self-attention" + (crossLayers > 0 ? " + " + crossLayers + " cross-attention" : "")
                + " layers + lm_head";
        String k = q.id() + ".t" + t;
        add("prefill_tokens_per_s." + k + ".measured", prefillTps, "tokens/s", prefillGflops / limits.fp32Gflops(),
                String.format(java.util.Locale.ROOT, "%s, %d-token prompt, %.0f GFLOP/s", layersNote, promptTokens, prefillGflops));
        add("decode_tokens_per_s." + k + ".measured", decodeTokens / decodeS, "tokens/s",
                gbs / limits.memoryBandwidthGBs(), String.format(java.util.Locale.ROOT, "%s, %.1f GB/s of weights", layersNote, gbs));
        // Decode streams every weight once per token: the full model (its bytes in this format) at the same GB/s.
        // (the bytes this format streams over the bf16 bytes of the same matrices, applied to the full model's bf16 bytes)
        double fullBytes = full.decodeBytesPerToken() * ((double) bytes / (2.0 * (layerWeights + headWeights)));
        add("decode_tokens_per_s." + k, gbs * 1e9 / fullBytes, "tokens/s",
                gbs / limits.memoryBandwidthGBs(), "extrapolated to the full model by bytes per token");
        // per layer as measured (self and cross layers together), times the full model's layers
        double fullFlopsPerToken = 2.0 * layerWeights / Math.max(1, selfLayers + crossLayers) * (full.selfLayers() + full.crossLayers())
                + 2.0 * headWeights / promptTokens;
        add("prefill_tokens_per_s." + k, prefillGflops * 1e9 / fullFlopsPerToken, "tokens/s",
                prefillGflops / limits.fp32Gflops(), "extrapolated to the full model by FLOPs per token");
    }

    /** Relative error ||W_q x - W x|| / ||W x|| of the first decoder layer's matrices and the head, random x. */
    private void quantErrors(Checkpoint quantized, Quantization q) {
        try (Checkpoint exact = Checkpoint.open(dir)) {
            SplittableRandom rnd = new SplittableRandom(5);
            for (String name : quantized.names()) {
                boolean first = name.contains(".layers.0.") && name.endsWith("_proj.weight") && !name.startsWith("vision_model.");
                if (!first && !name.endsWith("lm_head.weight")) continue;
                WeightMatrix wq = quantized.tensor(name).asMatrix(), w = exact.tensor(name).asMatrix();
                if (wq == w || wq.getClass() == w.getClass()) continue;
                float[] x = new float[w.cols()], y = new float[w.rows()], yq = new float[w.rows()];
                for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
                w.matVec(x, 0, y, 0);
                wq.matVec(x, 0, yq, 0);
                double num = 0, den = 0;
                for (int i = 0; i < y.length; i++) {
                    num += (yq[i] - y[i]) * (double) (yq[i] - y[i]);
                    den += y[i] * (double) y[i];
                }
                String shortName = name.substring(name.lastIndexOf(".layers.0.") >= 0 ? name.lastIndexOf(".layers.0.") + 10 : 0)
                        .replace(".weight", "");
                add("quant_rel_error." + q.id() + "." + shortName, Math.sqrt(num / Math.max(den, 1e-30)), "ratio", null,
                        "||W_" + q.id() + " x - W x|| / ||W x||, x ~ N(0, 1), " + w.rows() + " x " + w.cols());
            }
        }
    }

    private void visionFigures(VisionLanguageModel vlm, VisionConfig v, FullShape full, int promptTokens, int t, Path scratch)
            throws Exception {
        int layers = v.numHiddenLayers() + v.numGlobalLayers();
        // Warm-up: the first encode runs largely interpreted until the JIT has compiled the kernels.
        Path warm = scratch.resolve("bench-warm.png");
        writeImage(warm, v.imageSize(), v.imageSize());
        vlm.images().encode(warm, 1);
        for (int tiles : new int[] {1, v.maxNumTiles()}) {
            Path img = scratch.resolve("bench-" + tiles + ".png");
            writeImage(img, v.imageSize() * (tiles == 1 ? 1 : 2), v.imageSize() * (tiles == 1 ? 1 : 2));
            vlm.images().cache().clear();
            var r = vlm.images().encode(img, tiles);
            double s = r.info().encodeMs() / 1e3;
            double gflop = visionFlops(v, tiles, layers) / 1e9;
            double fullS = s * visionFlops(v, tiles, full.visionLayers()) / visionFlops(v, tiles, layers);
            add("vision_encoder_s." + tiles + "tiles.t" + t + ".measured", s, "s", gflop / s / limits.fp32Gflops(),
                    String.format(java.util.Locale.ROOT, "%d layers, %.0f GFLOP/s", layers, gflop / s));
            add("vision_encoder_s." + tiles + "tiles.t" + t, fullS, "s", gflop / s / limits.fp32Gflops(),
                    "extrapolated to " + full.visionLayers() + " layers by FLOPs");
        }
        // Time to first token: a first question (image encoded) and a follow-up (image cache, new prompt).
        Path img = scratch.resolve("bench-" + v.maxNumTiles() + ".png");
        vlm.images().cache().clear();
        Prompt first = vlm.rawPrompt("<|image|>Describe this picture in detail, please.", List.of(img));
        Prompt follow = vlm.rawPrompt("<|image|>What colours are there?", List.of(img));
        GenerationOptions one = GenerationOptions.greedy(1, vlm.stopIds());
        long a0 = System.nanoTime();
        Answer a = vlm.answer(first, v.maxNumTiles(), one, id -> {}, null);
        double ttft = (System.nanoTime() - a0) / 1e6;
        long b0 = System.nanoTime();
        vlm.answer(follow, v.maxNumTiles(), one, id -> {}, null);
        double followMs = (System.nanoTime() - b0) / 1e6;
        add("ttft_first_ms.measured", ttft, "ms", null, "image encode " + Math.round(a.imageEncodeMs()) + " ms + prefill");
        add("ttft_followup_ms.measured", followMs, "ms", null, String.format(java.util.Locale.ROOT,
                "%.1f%% of the first (image from the cache)", 100 * followMs / ttft));
        if (idleSeconds > 0) {
            Thread.sleep(idleSeconds * 1000L);
            long c0 = System.nanoTime();
            vlm.answer(follow, v.maxNumTiles(), one, id -> {}, null);
            double idleMs = (System.nanoTime() - c0) / 1e6;
            add("ttft_after_idle_ms.measured", idleMs, "ms", null, String.format(java.util.Locale.ROOT,
                    "follow-up after %d s idle (mapped weights kept warm), %.1fx the back-to-back follow-up", idleSeconds,
                    idleMs / followMs));
        }
    }

    /** FLOPs of one encode: patch conv, then per layer the projections, attention and MLP over tiles*P8 tokens. */
    static double visionFlops(VisionConfig v, int tiles, int layers) {
        double n = (double) tiles * v.paddedPatchesPerTile(), h = v.hiddenSize(), m = v.intermediateSize();
        double conv = 2.0 * tiles * (v.patchesPerTile() - 1) * h * v.numChannels() * v.patchSize() * v.patchSize();
        double perLayer = 2 * n * h * h * 4 + 2 * n * h * m * 2 + 4 * n * n * h;
        return conv + layers * perLayer;
    }

    private static void writeImage(Path file, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | 90);
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private void add(String name, double value, String unit, Double fraction, String note) {
        figures.add(new Figure(name, value, unit, fraction, note));
    }
}
