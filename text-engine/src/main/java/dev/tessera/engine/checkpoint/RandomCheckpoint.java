package dev.tessera.engine.checkpoint;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.safetensors.CheckpointWriter;
import dev.tessera.engine.safetensors.ProgressListener;
import dev.tessera.engine.tensor.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a complete random-weight model folder in the Hugging Face layout - {@code config.json},
 * {@code generation_config.json}, {@code preprocessor_config.json} (mllama), the tokenizer files copied
 * from a real model folder, and the weights, sharded as {@code save_pretrained} shards them - so the
 * engine can be run and timed at real shapes without downloading the real checkpoints.
 * The command line's {@code tessera make-random} calls {@link #write}.
 *
 * <p>Values are deterministic for a seed (see {@link RandomFill}) and sized so that a forward pass stays
 * in range (see {@link TensorPlan}); layer counts can be reduced keeping the real layout (see
 * {@link LayerCounts}).
 */
public final class RandomCheckpoint {
    /**
     * @param textLayers      decoder layers, self + cross (HF numbering); -1 = the preset's
     * @param crossLayers     cross-attention layers among them (mllama); -1 = the preset's pattern
     * @param visionLayers    local vision encoder layers; -1 = the preset's
     * @param globalLayers    gated global vision encoder layers; -1 = the preset's
     * @param dtype           BF16 (as published) or F32
     * @param maxShardBytes   tensor bytes per shard at most ({@link CheckpointWriter#DEFAULT_MAX_SHARD_BYTES})
     * @param forceSharding   write an index and shard names even when one shard suffices
     * @param tokenizerSource folder to copy tokenizer files from; null = ../shared/fixtures/tiny-mllama
     */
    public record Options(int textLayers, int crossLayers, int visionLayers, int globalLayers, DType dtype,
                          long seed, long maxShardBytes, boolean forceSharding, Path tokenizerSource) {
        public static Options defaults() {
            return new Options(-1, -1, -1, -1, DType.BF16, 0, CheckpointWriter.DEFAULT_MAX_SHARD_BYTES, false, null);
        }

        public Options withTextLayers(int n) {
            return new Options(n, crossLayers, visionLayers, globalLayers, dtype, seed, maxShardBytes, forceSharding, tokenizerSource);
        }

        public Options withCrossLayers(int n) {
            return new Options(textLayers, n, visionLayers, globalLayers, dtype, seed, maxShardBytes, forceSharding, tokenizerSource);
        }

        public Options withVisionLayers(int n) {
            return new Options(textLayers, crossLayers, n, globalLayers, dtype, seed, maxShardBytes, forceSharding, tokenizerSource);
        }

        public Options withGlobalLayers(int n) {
            return new Options(textLayers, crossLayers, visionLayers, n, dtype, seed, maxShardBytes, forceSharding, tokenizerSource);
        }

        public Options withDtype(DType t) {
            return new Options(textLayers, crossLayers, visionLayers, globalLayers, t, seed, maxShardBytes, forceSharding, tokenizerSource);
        }

        public Options withSeed(long s) {
            return new Options(textLayers, crossLayers, visionLayers, globalLayers, dtype, s, maxShardBytes, forceSharding, tokenizerSource);
        }

        public Options withShards(long maxBytes, boolean force) {
            return new Options(textLayers, crossLayers, visionLayers, globalLayers, dtype, seed, maxBytes, force, tokenizerSource);
        }

        public Options withTokenizerSource(Path dir) {
            return new Options(textLayers, crossLayers, visionLayers, globalLayers, dtype, seed, maxShardBytes, forceSharding, dir);
        }
    }

    /** What was written and how fast. */
    public record Result(ModelShape shape, List<Path> weightFiles, long tensorBytes, long elapsedNanos) {
        public double megabytesPerSecond() {
            return tensorBytes / 1e6 / Math.max(elapsedNanos / 1e9, 1e-9);
        }
    }

    private RandomCheckpoint() {}

    /** The preset's shape with the options' layer counts applied. */
    public static ModelShape shape(Preset preset, Options opts) {
        ModelShape s = preset.shape();
        if (!s.isVision() && (opts.visionLayers() >= 0 || opts.globalLayers() >= 0)) {
            throw new BadInputException("visionLayers and globalLayers apply to mllama presets only (" + preset.cliName() + ")");
        }
        return new ModelShape(LayerCounts.text(s.text(), opts.textLayers(), opts.crossLayers(), s.isVision()),
                s.isVision() ? LayerCounts.vision(s.vision(), opts.visionLayers(), opts.globalLayers()) : null);
    }

    /** Every tensor {@link #write} would write, without writing anything. */
    public static List<PlannedTensor> plan(Preset preset, Options opts) {
        return TensorPlan.of(shape(preset, opts));
    }

    public static long parameterCount(List<PlannedTensor> plan) {
        long n = 0;
        for (PlannedTensor t : plan) n += t.elements();
        return n;
    }

    public static Result write(Path outDir, Preset preset, Options opts, ProgressListener progress) {
        if (opts.dtype() != DType.BF16 && opts.dtype() != DType.F32) {
            throw new BadInputException("dtype " + opts.dtype() + " is not offered (BF16 or F32)");
        }
        if (opts.maxShardBytes() <= 0) throw new BadInputException("shard size must be positive, got " + opts.maxShardBytes());
        ModelShape shape = shape(preset, opts);
        Path tokenizer = opts.tokenizerSource() != null ? opts.tokenizerSource() : defaultTokenizerSource();
        long start = System.nanoTime();
        HfConfigFiles.writeAll(outDir, shape, opts.dtype(), tokenizer);
        CheckpointWriter w = new CheckpointWriter().maxShardBytes(opts.maxShardBytes()).forceSharding(opts.forceSharding());
        for (PlannedTensor t : TensorPlan.of(shape)) {
            w.add(t.name(), opts.dtype(), t.shape(), new RandomFill(opts.seed(), t, opts.dtype()));
        }
        List<Path> files = w.write(outDir, progress);
        return new Result(shape, files, w.totalBytes(), System.nanoTime() - start);
    }

    /**
     * {@code <shared>/fixtures/tiny-mllama}, the real Llama 3.2 Vision tokenizer: from the system property
     * {@code tessera.shared}, else the first {@code shared/} found walking up from the working directory
     * (the project's checkouts sit beside it).
     */
    public static Path defaultTokenizerSource() {
        String prop = System.getProperty("tessera.shared");
        if (prop != null) return Path.of(prop).resolve("fixtures/tiny-mllama");
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared/fixtures/tiny-mllama");
            if (Files.isRegularFile(candidate.resolve("tokenizer.json"))) return candidate;
        }
        throw new BadInputException("no tokenizer source: ../shared/fixtures/tiny-mllama not found above "
                + Path.of("").toAbsolutePath() + "; name a model folder with tokenizer.json to copy it from");
    }
}
