package dev.tessera.cli;

import dev.tessera.engine.quant.WeightOptions;
import dev.tessera.engine.tensor.Quantization;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --quant and --quant-cache: how the decoder's matrices are held (mixed into the commands that load a model). */
final class WeightFlags {
    @Option(names = "--quant", defaultValue = "bf16", paramLabel = "bf16|q8_0|q4_0",
            description = "Decoder weights: bf16 (the checkpoint as is, default), q8_0 or q4_0 (llama.cpp's block formats, "
                    + "made on the first load and cached: about 2x and 3.5x fewer bytes per token, faster decoding).")
    String quant;

    @Option(names = "--quant-cache", paramLabel = "DIR|off",
            description = "Folder for quantized copies (default: ~/.cache/tessera/quantized); 'off' quantizes in memory on every start.")
    String cache;

    WeightOptions options() {
        Quantization q = Quantization.parse(quant);
        Path root = cache == null ? WeightOptions.defaultCacheRoot() : cache.equalsIgnoreCase("off") ? null : Path.of(cache);
        return new WeightOptions(q, root);
    }
}
