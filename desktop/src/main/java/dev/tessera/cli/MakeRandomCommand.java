package dev.tessera.cli;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.checkpoint.Preset;
import dev.tessera.engine.checkpoint.RandomCheckpoint;
import dev.tessera.engine.checkpoint.RandomCheckpoint.Options;
import dev.tessera.engine.safetensors.CheckpointWriter;
import dev.tessera.engine.tensor.DType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "make-random", mixinStandardHelpOptions = true,
        description = {"Write a random-weight model folder in the real Hugging Face layout (sharded like the download).",
                "For measuring load time, memory and speed at the real 11B/90B shapes without the real weights;",
                "its text is nonsense. Never commit its output."})
final class MakeRandomCommand implements Callable<Integer> {
    @Option(names = "--preset", required = true, description = "11b, 90b, 8b-text, 1b-text or tiny.")
    String preset;

    @Option(names = "--out", required = true, description = "Folder to write.")
    Path out;

    @Option(names = "--text-layers", description = "Decoder layers (keeps the real cross-attention pattern).")
    Integer textLayers;

    @Option(names = "--cross-layers", description = "How many of them are cross-attention layers.")
    Integer crossLayers;

    @Option(names = "--vision-layers", description = "Local vision encoder layers.")
    Integer visionLayers;

    @Option(names = "--global-layers", description = "Global (gated) vision encoder layers.")
    Integer globalLayers;

    @Option(names = "--dtype", defaultValue = "bf16", description = "bf16 (default) or f32.")
    String dtype;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights.")
    long seed;

    @Option(names = "--shard-size-gb", description = "Largest shard in GB (default 5, as Hugging Face).")
    Double shardGb;

    @Option(names = "--tokenizer-from", description = "Folder whose tokenizer files to copy (default: ../shared/fixtures/tiny-mllama above the working folder).")
    Path tokenizerFrom;

    @Option(names = "--force-sharding", description = "Shard even when one file would do.")
    boolean forceSharding;

    @Override
    public Integer call() {
        Options o = Options.defaults().withSeed(seed);
        if (textLayers != null) o = o.withTextLayers(textLayers);
        if (crossLayers != null) o = o.withCrossLayers(crossLayers);
        if (visionLayers != null) o = o.withVisionLayers(visionLayers);
        if (globalLayers != null) o = o.withGlobalLayers(globalLayers);
        o = o.withDtype(switch (dtype.toLowerCase(Locale.ROOT)) {
            case "bf16", "bfloat16" -> DType.BF16;
            case "f32", "float32" -> DType.F32;
            default -> throw new BadInputException("--dtype " + dtype + ": use bf16 or f32");
        });
        long shard = shardGb == null ? CheckpointWriter.DEFAULT_MAX_SHARD_BYTES : (long) (shardGb * 1e9);
        o = o.withShards(shard, forceSharding);
        if (tokenizerFrom != null) o = o.withTokenizerSource(tokenizerFrom);
        long start = System.nanoTime();
        RandomCheckpoint.Result r = RandomCheckpoint.write(out, Preset.parse(preset), o, (done, total) ->
                System.err.printf(Locale.ROOT, "\r%8.2f / %.2f GB  %3d%%  %6.0f MB/s ", done / 1e9, total / 1e9,
                        total == 0 ? 100 : done * 100 / total, done / 1e6 / Math.max((System.nanoTime() - start) / 1e9, 1e-9)));
        System.err.printf(Locale.ROOT, "%nwrote %s: %d weight file(s), %.2f GB in %.1f s (%.0f MB/s)%n", out,
                r.weightFiles().size(), r.tensorBytes() / 1e9, r.elapsedNanos() / 1e9, r.megabytesPerSecond());
        return Main.OK;
    }
}
