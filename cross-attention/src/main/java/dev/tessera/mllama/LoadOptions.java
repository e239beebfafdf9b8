package dev.tessera.mllama;

import dev.tessera.engine.quant.WeightOptions;
import java.util.function.Supplier;

/**
 * How a model folder is loaded and what a session with it may use.
 *
 * @param contextTokens   the most tokens one conversation may hold, prompt and answers together; 0 means
 *                        {@link #DEFAULT_CONTEXT} or the model's max_position_embeddings, whichever is smaller
 * @param imageCacheBytes bound of the image-embedding cache
 * @param memory          what the memory check compares the model's needs with; null skips the check
 *                        ({@code --ignore-memory-check})
 * @param weights         how the decoder's matrices are held (bf16 as mapped, or quantized)
 */
public record LoadOptions(int contextTokens, long imageCacheBytes, Supplier<AvailableMemory> memory, WeightOptions weights) {
    /**
     * The default context: long enough for a picture and a long conversation about it; the model allows 131072,
     * but the float32 KV cache of the 11B model takes 256 KiB a token (32 GiB at full length), so more is asked
     * for explicitly with {@code --context}.
     */
    public static final int DEFAULT_CONTEXT = 8192;

    public static LoadOptions defaults() {
        return new LoadOptions(0, 2L << 30, AvailableMemory::ofSystem, WeightOptions.BF16);
    }

    public LoadOptions withContext(int tokens) {
        return new LoadOptions(tokens, imageCacheBytes, memory, weights);
    }

    public LoadOptions withImageCacheBytes(long bytes) {
        return new LoadOptions(contextTokens, bytes, memory, weights);
    }

    public LoadOptions withMemory(Supplier<AvailableMemory> available) {
        return new LoadOptions(contextTokens, imageCacheBytes, available, weights);
    }

    public LoadOptions withWeights(WeightOptions w) {
        return new LoadOptions(contextTokens, imageCacheBytes, memory, w);
    }

    public LoadOptions withoutMemoryCheck() {
        return withMemory(null);
    }
}
