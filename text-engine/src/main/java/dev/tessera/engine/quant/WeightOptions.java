package dev.tessera.engine.quant;

import dev.tessera.engine.tensor.Quantization;
import java.nio.file.Path;

/**
 * How a model's large matrices are held while it runs: their format and where quantized copies are cached
 * ({@code cacheRoot} null = quantize in memory for this run only).
 */
public record WeightOptions(Quantization quant, Path cacheRoot) {
    public static final WeightOptions BF16 = new WeightOptions(Quantization.BF16, null);

    /** The user's cache folder for quantized models: $XDG_CACHE_HOME/tessera/quantized, else ~/.cache/tessera/quantized. */
    public static Path defaultCacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tessera").resolve("quantized");
    }
}
