package dev.tessera.cli;

import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.guard.Classifier;
import dev.tessera.guard.GuardPolicy;
import dev.tessera.guard.GuardRouter;
import dev.tessera.guard.LazyGuard;
import dev.tessera.guard.GuardSettings;
import dev.tessera.guard.MemoryPlan;
import dev.tessera.mllama.ModelInfo;
import dev.tessera.mllama.VisionLanguageModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The guard options of {@code ask}: which guard, what it does, and how the two models share memory. */
final class GuardFlags {
    @Option(names = "--guard-model", description = "Llama Guard 3 folder: checks the question before and the answer after (blocking, unless --guard-policy says otherwise).")
    Path guardModel;

    @Option(names = "--guard-text-model", description = "A text-only Llama Guard 3 1B folder for the checks of conversations without an image (cheaper); --guard-model still checks the rest.")
    Path guardTextModel;

    @Option(names = "--guard-max-tiles", description = "Tiles per image for the guard's own vision encoder, 1..4 (default: --max-tiles). Fewer tiles make the guard's image encoding cheaper.")
    Integer guardMaxTiles;

    @Option(names = "--guard-policy", description = "block (the default with --guard-model), warn or off.")
    String guardPolicy;

    @Option(names = "--guard-memory", defaultValue = "auto", description = "both (keep both models open), one-at-a-time (close the guard after each check, so only one model's weights must fit) or auto (both when they fit; default).")
    String guardMemory;

    @Option(names = "--guard-threshold", defaultValue = "0.5", description = "P(unsafe) at or above which a verdict is unsafe (default ${DEFAULT-VALUE}).")
    double guardThreshold;

    @Option(names = "--guard-exclude", split = ",", description = "Categories left out of the guard's prompt, e.g. S2,S7.")
    List<String> guardExclude = new ArrayList<>();

    @Option(names = "--guard-categories", description = "A JSON object of custom guard categories, code -> text.")
    Path guardCategories;

    GuardPolicy policy() {
        return GuardPolicy.resolve(guardPolicy == null ? null : GuardPolicy.parse(guardPolicy), guardModel != null);
    }

    GuardSettings settings(int maxTiles) {
        return GuardCommand.settings("hf-chat-template", guardCategories, guardExclude, guardThreshold,
                guardMaxTiles != null ? guardMaxTiles : maxTiles);
    }

    /**
     * The guard(s), opened on first use (a folder that does not load blocks the exchange that needs it): the
     * guard model alone, or with --guard-text-model a router sending text-only checks to the text guard.
     */
    Classifier classifier(int maxTiles, boolean oneAtATime) {
        LazyGuard main = new LazyGuard(guardModel, settings(maxTiles), oneAtATime);
        return guardTextModel == null ? main : new GuardRouter(main, new LazyGuard(guardTextModel, settings(maxTiles), oneAtATime));
    }

    static void close(Classifier c) throws Exception {
        if (c instanceof AutoCloseable a) a.close();
    }

    /**
     * The residency asked for, or under auto the plan's: both when both fit in this machine's memory. A guard
     * folder that cannot even be inspected gets one-at-a-time here; loading it will fail and block the exchange
     * with the reason.
     */
    MemoryPlan.Residency residency(VisionLanguageModel main, int contextTokens) {
        MemoryPlan.Residency asked = MemoryPlan.Residency.parse(guardMemory);
        if (asked != null) return asked;
        try (Checkpoint guardCkpt = Checkpoint.open(guardModel)) {
            ModelConfig guardCfg = ModelConfig.load(guardModel);
            return MemoryPlan.of(main.config(), ModelInfo.of(main.config(), main.checkpoint()), guardCfg,
                    ModelInfo.of(guardCfg, guardCkpt), contextTokens, ModelInfo.totalMemoryBytes()).recommended();
        } catch (RuntimeException e) {
            return MemoryPlan.Residency.ONE_AT_A_TIME;
        }
    }
}
