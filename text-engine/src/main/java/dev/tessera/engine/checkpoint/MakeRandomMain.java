package dev.tessera.engine.checkpoint;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.TesseraException;
import dev.tessera.engine.checkpoint.RandomCheckpoint.Options;
import dev.tessera.engine.safetensors.ProgressListener;
import dev.tessera.engine.tensor.DType;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code make-random} from a shell, until the {@code tessera} command line wraps it:
 * <pre>
 *   java ... dev.tessera.engine.checkpoint.MakeRandomMain --preset 8b-text --text-layers 4 --out /tmp/m
 *     [--cross-layers N] [--vision-layers N] [--global-layers N] [--dtype bf16|f32] [--seed N]
 *     [--shard-size 5GB] [--force-sharding] [--tokenizer-from DIR]
 * </pre>
 * Exit code 2 for bad options, as the command line does.
 */
public final class MakeRandomMain {
    private MakeRandomMain() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (TesseraException e) {
            System.err.println("\nmake-random: " + e.getMessage());
            System.exit(e instanceof BadInputException ? 2 : 1);
        }
    }

    static void run(String[] args) {
        Preset preset = null;
        Path out = null;
        Options o = Options.defaults();
        long shardBytes = o.maxShardBytes();
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--force-sharding")) {
                force = true;
                continue;
            }
            if (i + 1 >= args.length) throw new BadInputException(a + " needs a value");
            String v = args[++i];
            switch (a) {
                case "--preset" -> preset = Preset.parse(v);
                case "--out" -> out = Path.of(v);
                case "--text-layers" -> o = o.withTextLayers(integer(a, v));
                case "--cross-layers" -> o = o.withCrossLayers(integer(a, v));
                case "--vision-layers" -> o = o.withVisionLayers(integer(a, v));
                case "--global-layers" -> o = o.withGlobalLayers(integer(a, v));
                case "--dtype" -> o = o.withDtype(switch (v.toLowerCase(Locale.ROOT)) {
                    case "bf16", "bfloat16" -> DType.BF16;
                    case "f32", "float32" -> DType.F32;
                    default -> throw new BadInputException("--dtype " + v + ": use bf16 or f32");
                });
                case "--seed" -> {
                    try {
                        o = o.withSeed(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        throw new BadInputException("--seed " + v + ": not an integer");
                    }
                }
                case "--shard-size" -> shardBytes = size(a, v);
                case "--tokenizer-from" -> o = o.withTokenizerSource(Path.of(v));
                default -> throw new BadInputException("unknown option " + a);
            }
        }
        if (preset == null || out == null) throw new BadInputException("--preset and --out are required");
        o = o.withShards(shardBytes, force);
        long start = System.nanoTime();
        ProgressListener line = (done, total) -> System.err.printf(Locale.ROOT, "\r%8.2f / %.2f GB  %3d%%  %6.0f MB/s ",
                done / 1e9, total / 1e9, total == 0 ? 100 : done * 100 / total,
                done / 1e6 / Math.max((System.nanoTime() - start) / 1e9, 1e-9));
        RandomCheckpoint.Result r = RandomCheckpoint.write(out, preset, o, line);
        System.err.printf(Locale.ROOT, "%nwrote %s: %d weight files, %.2f GB in %.1f s (%.0f MB/s)%n", out,
                r.weightFiles().size(), r.tensorBytes() / 1e9, r.elapsedNanos() / 1e9, r.megabytesPerSecond());
    }

    private static int integer(String opt, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadInputException(opt + " " + v + ": not an integer");
        }
    }

    /** Bytes, or with a decimal suffix as HF writes shard sizes: 5GB, 500MB, 64KB. */
    static long size(String opt, String v) {
        String s = v.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("GB")) unit = 1_000_000_000L;
        else if (s.endsWith("MB")) unit = 1_000_000L;
        else if (s.endsWith("KB")) unit = 1_000L;
        if (unit != 1) s = s.substring(0, s.length() - 2);
        try {
            long n = Math.round(Double.parseDouble(s) * unit);
            if (n <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new BadInputException(opt + " " + v + ": not a size (bytes, or e.g. 5GB, 500MB)");
        }
    }
}
