package dev.tessera.cli;

import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.kernels.Simd;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.TensorInfo;
import dev.tessera.guard.MemoryPlan;
import dev.tessera.mllama.ModelInfo;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a model folder's architecture, parameters, dtypes, tensors and the memory needed to run it.")
final class InspectCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder (Hugging Face layout).")
    Path model;

    @Option(names = "--tensors", description = "List every tensor with dtype and shape.")
    boolean tensors;

    @Option(names = "--guard-model", description = "A Llama Guard 3 folder: also show what running it beside the model needs.")
    Path guardModel;

    @Option(names = "--context", defaultValue = "8192", description = "Context length for the memory estimate (default ${DEFAULT-VALUE}).")
    int context;

    @Override
    public Integer call() {
        ModelConfig cfg = ModelConfig.load(model);
        try (Checkpoint ckpt = Checkpoint.open(model)) {
            ModelInfo info = ModelInfo.of(cfg, ckpt);
            var out = System.out;
            out.println("model:        " + model.toAbsolutePath());
            out.println("architecture: " + info.architecture());
            out.printf(Locale.ROOT, "parameters:   %,d (%.2f B)%s%n", info.parameters(), info.parameters() / 1e9,
                    info.visionParameters() > 0 ? String.format(Locale.ROOT, ", of which vision %,d", info.visionParameters()) : "");
            out.println("weights:      " + ModelInfo.gib(info.weightBytes()) + " in " + info.files() + " file(s), "
                    + info.tensors() + " tensors");
            info.bytesByDType().forEach((t, b) -> out.println("  " + t + ": " + ModelInfo.gib(b)));
            long need = info.bytesNeeded(cfg, context, 1);
            long have = ModelInfo.totalMemoryBytes();
            out.println("memory:       about " + ModelInfo.gib(need) + " to run with a " + context
                    + "-token context and one cached image (weights + KV cache " + ModelInfo.gib(info.kvBytesPerToken() * context)
                    + "); this machine has " + ModelInfo.gib(have)
                    + (need > have ? "  -- WILL NOT FIT: weights would be re-read from disk for every token" : ""));
            out.println("kernels:      " + Simd.describe());
            if (guardModel != null) guard(cfg, info, context);
            if (tensors) {
                for (String n : ckpt.names()) {
                    TensorInfo t = ckpt.info(n);
                    out.println("  " + n + "  " + t.dtype() + " " + t.shapeString());
                }
            }
        }
        return Main.OK;
    }

    /** The guard's own figures, then both models together: resident at once, or one after the other. */
    private void guard(ModelConfig mainCfg, ModelInfo main, int context) {
        ModelConfig cfg = ModelConfig.load(guardModel);
        try (Checkpoint ckpt = Checkpoint.open(guardModel)) {
            ModelInfo g = ModelInfo.of(cfg, ckpt);
            var out = System.out;
            out.println("guard model:  " + guardModel.toAbsolutePath());
            out.println("  architecture: " + g.architecture() + (cfg.isVision() ? "" : " (text only: checks text, not images)"));
            out.printf(Locale.ROOT, "  parameters:   %,d (%.2f B), weights %s%n", g.parameters(), g.parameters() / 1e9, ModelInfo.gib(g.weightBytes()));
            MemoryPlan plan = MemoryPlan.of(mainCfg, main, cfg, g, context, ModelInfo.totalMemoryBytes());
            out.println("with the guard (" + context + "-token context):");
            for (String line : plan.describe()) out.println("  " + line);
        }
    }
}
