package dev.tessera.cli;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.config.GenerationConfig;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.mllama.LoadOptions;
import dev.tessera.mllama.VisionLanguageModel;
import picocli.CommandLine.Option;

/** Sampling and budget options shared by ask, chat and caption. Unset values come from generation_config.json. */
final class GenerationFlags {
    @Option(names = "--max-tokens", defaultValue = "512", description = "Most tokens to generate (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", description = "0 = greedy (default: the model's generation_config.json).")
    Double temperature;

    @Option(names = "--top-p", description = "Nucleus sampling mass (default: the model's).")
    Double topP;

    @Option(names = "--top-k", description = "Sample among the k most likely tokens; 0 = all (default: the model's).")
    Integer topK;

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--max-tiles", description = "Use at most this many 560 px tiles per image, 1..4 (fewer = faster; default: the model's maximum).")
    Integer maxTiles;

    @Option(names = "--context", description = "Most tokens one conversation may hold, prompt and answers (default: 8192, at most the model's max_position_embeddings).")
    Integer context;

    @Option(names = "--ignore-memory-check", description = "Run even when the model and context need more memory than is available (slow: weights are re-read from disk).")
    boolean ignoreMemoryCheck;

    /** How to load the model: the context asked for, and the memory check unless overridden. */
    LoadOptions loadOptions() {
        if (context != null && context < 1) throw new BadInputException("--context must be at least 1");
        LoadOptions o = LoadOptions.defaults().withContext(context == null ? 0 : context);
        return ignoreMemoryCheck ? o.withoutMemoryCheck() : o;
    }

    GenerationOptions options(VisionLanguageModel vlm) {
        return options(vlm.generationConfig());
    }

    /** From the folder's generation_config.json alone, for commands that load the model later (caption). */
    GenerationOptions options(GenerationConfig g) {
        if (maxTokens < 1) throw new BadInputException("--max-tokens must be at least 1");
        if (threads != null && threads < 1) throw new BadInputException("--threads must be at least 1");
        double t = temperature != null ? temperature : (g.doSample() ? g.temperature() : 0);
        if (t < 0) throw new BadInputException("--temperature must be >= 0");
        double p = topP != null ? topP : g.topP();
        if (p <= 0 || p > 1) throw new BadInputException("--top-p must be in (0, 1]");
        int k = topK != null ? topK : g.topK();
        if (k < 0) throw new BadInputException("--top-k must be >= 0");
        return new GenerationOptions(maxTokens, t, p, k, seed, g.eosTokenIds());
    }

    int maxTiles(VisionLanguageModel vlm) {
        return maxTiles(vlm.config());
    }

    int maxTiles(ModelConfig config) {
        int max = config.isVision() ? config.vision().maxNumTiles() : 1;
        if (maxTiles == null) return max;
        if (maxTiles < 1 || maxTiles > max) throw new BadInputException("--max-tiles must be between 1 and " + max);
        return maxTiles;
    }
}
