package dev.tessera.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.bench.Figure;
import dev.tessera.bench.ModelBench;
import dev.tessera.engine.bench.MachineProbe;
import dev.tessera.engine.checkpoint.PlannedTensor;
import dev.tessera.engine.checkpoint.Preset;
import dev.tessera.engine.checkpoint.RandomCheckpoint;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.kernels.Simd;
import dev.tessera.engine.safetensors.ProgressListener;
import dev.tessera.engine.tensor.Quantization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure this machine's limits and Tessera's speed at a real model shape, as ratios to those limits.",
                "Without --model it writes random weights at the preset's real shape (fewer layers) to a temporary",
                "folder, measures, extrapolates to the full model, and deletes the folder."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--model", description = "Measure this model folder instead of random weights.")
    Path model;

    @Option(names = "--preset", defaultValue = "11b", description = "Shape of the random weights: 11b (default), 90b, 8b-text, 1b-text, tiny.")
    String preset;

    @Option(names = "--layers", defaultValue = "5", description = "Decoder layers of the random model (default ${DEFAULT-VALUE}; with 11b: 4 self + 1 cross).")
    int layers;

    @Option(names = "--vision-layers", defaultValue = "4", description = "Local vision layers of the random model (default ${DEFAULT-VALUE}).")
    int visionLayers;

    @Option(names = "--global-layers", defaultValue = "1", description = "Global vision layers of the random model (default ${DEFAULT-VALUE}).")
    int globalLayers;

    @Option(names = "--threads", split = ",", description = "Compute thread counts for prefill and decode, e.g. 1,2 (default: all cores); the vision encoder uses the largest.")
    int[] threads;

    @Option(names = "--quant", split = ",", defaultValue = "bf16,q8_0,q4_0",
            description = "Formats of the decoder's matrices to measure (default ${DEFAULT-VALUE}).")
    List<String> quants;

    @Option(names = "--prompt-tokens", defaultValue = "128", description = "Prompt length for prefill (default ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--decode-tokens", defaultValue = "16", description = "Tokens to decode (default ${DEFAULT-VALUE}).")
    int decodeTokens;

    @Option(names = "--tokenizer-from", description = "Folder whose tokenizer files the random model copies (default: ../shared/fixtures/tiny-mllama above the working folder).")
    Path tokenizerFrom;

    @Option(names = "--idle-seconds", defaultValue = "0",
            description = "Also time a follow-up question after the model sat idle this long (e.g. 60; default: skip).")
    int idleSeconds;

    @Option(names = "--json", description = "Print one JSON object: machine and results.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Simd.ENABLED) {
            // MachineProbe's bandwidth and FMA probes are Vector API loops; the figures would mean nothing without it
            throw new dev.tessera.engine.TesseraException("bench needs the Vector API (its machine probe and the kernels it "
                    + "measures): start java with --add-modules jdk.incubator.vector, as the tessera launcher does unless TESSERA_VECTOR=0");
        }
        int[] counts = threads != null ? threads.clone() : new int[] {Runtime.getRuntime().availableProcessors()};
        java.util.Arrays.sort(counts);
        if (counts[0] < 1) throw new dev.tessera.engine.BadInputException("--threads: counts must be at least 1");
        List<Quantization> formats = quants.stream().map(Quantization::parse).toList();
        java.util.Map<Integer, MachineProbe.Limits> limits = new java.util.TreeMap<>();
        for (int t : counts) {
            System.err.println("bench: probing memory bandwidth and FMA peak with " + t + " thread(s)...");
            limits.put(t, MachineProbe.measure(t));
        }
        Path scratch = Files.createTempDirectory("tessera-bench");
        try {
            Path dir = model;
            ModelBench.FullShape full;
            if (dir == null) {
                Preset p = Preset.parse(preset);
                var opts = RandomCheckpoint.Options.defaults().withTextLayers(layers);
                if (tokenizerFrom != null) opts = opts.withTokenizerSource(tokenizerFrom);
                if (p != Preset.TEXT_8B && p != Preset.TEXT_1B) opts = opts.withVisionLayers(visionLayers).withGlobalLayers(globalLayers);
                dir = scratch.resolve("model");
                System.err.println("bench: writing random " + p.cliName() + " weights (" + layers + " decoder layers) to " + dir);
                RandomCheckpoint.write(dir, p, opts, ProgressListener.NONE);
                full = fullShape(RandomCheckpoint.plan(p, RandomCheckpoint.Options.defaults()), ModelConfig.load(dir), p);
            } else {
                full = ownShape(ModelConfig.load(dir), dir);
            }
            System.err.println("bench: measuring " + dir.getFileName() + "...");
            List<Figure> figures = new ModelBench(dir, limits).idleSeconds(idleSeconds).run(full, promptTokens, decodeTokens, scratch, formats, counts);
            print(limits, figures);
        } finally {
            try (var walk = Files.walk(scratch)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return Main.OK;
    }

    /** The full preset: its self/cross layer counts, vision layers and the weight bytes one decoded token reads. */
    private static ModelBench.FullShape fullShape(List<PlannedTensor> plan, ModelConfig small, Preset p) {
        long bytes = 0;
        int layers = 0;
        for (PlannedTensor t : plan) {
            String n = t.name();
            boolean text = n.startsWith("language_model.") || n.startsWith("model.") || n.equals("lm_head.weight");
            // per token: every decoder weight and the head, not the embedding table nor the image-side k/v of cross layers
            if (!text || n.contains("embed_tokens") || n.contains("cross_attn.k_proj") || n.contains("cross_attn.v_proj")) continue;
            bytes += 2 * t.elements();
            if (n.endsWith("input_layernorm.weight")) layers++;
        }
        int cross = 0;
        for (PlannedTensor t : plan) if (t.name().endsWith("cross_attn_attn_gate")) cross++;
        int vision = 0;
        for (PlannedTensor t : plan) if (t.name().startsWith("vision_model.") && t.name().endsWith("input_layernorm.weight")) vision++;
        return new ModelBench.FullShape(layers - cross, cross, vision, bytes);
    }

    private static ModelBench.FullShape ownShape(ModelConfig cfg, Path dir) {
        try (var ckpt = dev.tessera.engine.safetensors.Checkpoint.open(dir)) {
            long bytes = 0;
            for (String n : ckpt.names()) {
                boolean text = n.startsWith("language_model.") || n.startsWith("model.") || n.equals("lm_head.weight");
                if (!text || n.contains("embed_tokens") || n.contains("cross_attn.k_proj") || n.contains("cross_attn.v_proj")) continue;
                bytes += ckpt.info(n).byteSize();
            }
            int cross = cfg.text().crossAttentionLayers().length;
            int vision = cfg.isVision() ? cfg.vision().numHiddenLayers() + cfg.vision().numGlobalLayers() : 0;
            return new ModelBench.FullShape(cfg.text().numHiddenLayers() - cross, cross, vision, bytes);
        }
    }

    private void print(java.util.Map<Integer, MachineProbe.Limits> byThreads, List<Figure> figures) throws Exception {
        MachineProbe.Limits limits = byThreads.values().stream().reduce((a, b) -> b).orElseThrow(); // the most threads
        if (json) {
            JsonMapper m = JsonMapper.builder().build();
            ObjectNode o = m.createObjectNode();
            ObjectNode machine = o.putObject("machine");
            machine.put("memory_bandwidth_gbs", round(limits.memoryBandwidthGBs()));
            machine.put("fp32_gflops", round(limits.fp32Gflops()));
            machine.put("threads", limits.threads());
            ObjectNode per = machine.putObject("by_threads");
            for (var e : byThreads.entrySet()) {
                ObjectNode l = per.putObject(String.valueOf(e.getKey()));
                l.put("memory_bandwidth_gbs", round(e.getValue().memoryBandwidthGBs()));
                l.put("fp32_gflops", round(e.getValue().fp32Gflops()));
            }
            ArrayNode results = o.putArray("results");
            for (Figure f : figures) {
                ObjectNode r = results.addObject();
                r.put("name", f.name());
                r.put("value", round(f.value()));
                r.put("unit", f.unit());
                if (f.limitFraction() == null) r.putNull("limit_fraction");
                else r.put("limit_fraction", round(f.limitFraction()));
                r.put("note", f.note());
            }
            System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            return;
        }
        for (MachineProbe.Limits l : byThreads.values()) {
            System.out.printf(Locale.ROOT, "machine: %.1f GB/s memory read, %.0f GFLOP/s fp32 FMA, %d thread(s)%n",
                    l.memoryBandwidthGBs(), l.fp32Gflops(), l.threads());
        }
        System.out.printf(Locale.ROOT, "%-42s %12s %-9s %8s  %s%n", "figure", "value", "unit", "of limit", "note");
        for (Figure f : figures) {
            System.out.printf(Locale.ROOT, "%-42s %12.3f %-9s %8s  %s%n", f.name(), f.value(), f.unit(),
                    f.limitFraction() == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * f.limitFraction()), f.note());
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
