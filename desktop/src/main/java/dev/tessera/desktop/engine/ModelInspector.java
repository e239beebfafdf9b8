package dev.tessera.desktop.engine;

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
        this(VlmChatEngine::machineMemoryBytes);
    }

    /** With the machine's memory supplied (tests show the "will not fit" warning with a small number). */
    public ModelInspector(LongSupplier availableBytes) {
        this.availableBytes = availableBytes;
    }

    public ModelSummary inspect(Path dir) {
        VlmChatEngine.Facts f = VlmChatEngine.readFacts(dir, CONTEXT_TOKENS);
        String dtypes = f.bytesByDType().entrySet().stream()
                .map(e -> e.getKey() + " " + ModelSummary.gib(e.getValue()))
                .collect(Collectors.joining(", "));
        return new ModelSummary(dir, displayName(dir), kindOf(dir, f.vision()), DemoModel.isDemo(dir), f.architecture(),
                f.parameters(), f.weightBytes(), dtypes, f.bytesNeeded(), availableBytes.getAsLong());
    }

    static ModelSummary.Kind kindOf(Path dir, boolean vision) {
        String n = dir.toString().toLowerCase(Locale.ROOT);
        if (n.contains("guard")) return ModelSummary.Kind.GUARD;
        return vision ? ModelSummary.Kind.VISION : ModelSummary.Kind.TEXT;
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
        return VlmChatEngine.looksLikeModel(dir);
    }
}
