package dev.tessera.desktop.engine;

import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.mllama.ModelInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/** Reads a model folder's config and tensor headers (no weights) into a {@link ModelSummary}. Slow-ish: background only. */
public final class ModelInspector {
    /** Context the memory estimate assumes. */
    public static final int CONTEXT_TOKENS = 8192;

    private final LongSupplier availableBytes;

    public ModelInspector() {
        this(ModelInfo::totalMemoryBytes);
    }

    /** With the machine's memory supplied (tests show the "will not fit" warning with a small number). */
    public ModelInspector(LongSupplier availableBytes) {
        this.availableBytes = availableBytes;
    }

    public ModelSummary inspect(Path dir) {
        ModelConfig cfg = ModelConfig.load(dir);
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            ModelInfo info = ModelInfo.of(cfg, ckpt);
            String dtypes = info.bytesByDType().entrySet().stream()
                    .map(e -> e.getKey() + " " + ModelSummary.gib(e.getValue()))
                    .collect(Collectors.joining(", "));
            long need = info.bytesNeeded(cfg, CONTEXT_TOKENS, 1);
            return new ModelSummary(dir, displayName(dir), kindOf(dir, cfg), DemoModel.isDemo(dir), info.architecture(),
                    info.parameters(), info.weightBytes(), dtypes, need, availableBytes.getAsLong());
        }
    }

    static ModelSummary.Kind kindOf(Path dir, ModelConfig cfg) {
        String n = dir.toString().toLowerCase(Locale.ROOT);
        if (n.contains("guard")) return ModelSummary.Kind.GUARD;
        return cfg.isVision() ? ModelSummary.Kind.VISION : ModelSummary.Kind.TEXT;
    }

    /** "Llama-3.2-11B-Vision-Instruct" for a Hugging Face snapshot folder, else the folder's own name. */
    public static String displayName(Path dir) {
        if (DemoModel.isDemo(dir)) return DemoModel.NAME;
        Path p = dir.toAbsolutePath().normalize();
        for (Path q = p; q != null && q.getFileName() != null; q = q.getParent()) {
            String name = q.getFileName().toString();
            if (name.startsWith("models--")) {
                String[] parts = name.substring("models--".length()).split("--");
                return parts[parts.length - 1];
            }
        }
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    public static boolean looksLikeModel(Path dir) {
        return Files.isRegularFile(dir.resolve("config.json")) && Checkpoint.looksLikeCheckpoint(dir);
    }
}
