package dev.tessera.mllama;

import static dev.tessera.mllama.ModelInfo.gib;

import dev.tessera.engine.InsufficientMemoryException;
import dev.tessera.engine.config.ModelConfig;

/**
 * Refuses, before anything is loaded, a model that cannot run well here. Two limits: the machine's available
 * memory must hold the weights (memory-mapped: when they do not fit, every token re-reads them from disk, a
 * thousand times slower) plus the caches; and the Java heap must hold the KV cache for the whole context plus
 * one image's features (else the conversation dies of an OutOfMemoryError once it grows long).
 */
final class MemoryCheck {
    private MemoryCheck() {}

    static void check(String model, ModelInfo info, ModelConfig cfg, int contextTokens, AvailableMemory available) {
        long kv = info.kvBytesPerToken() * contextTokens, image = ModelInfo.imageBytes(cfg);
        long need = info.bytesNeeded(cfg, contextTokens, 1);
        String parts = "weights " + gib(info.weightBytes()) + ", KV cache for " + contextTokens + " tokens " + gib(kv)
                + (image > 0 ? ", one cached image " + gib(image) : "") + ", working memory " + gib(ModelInfo.WORKSPACE_BYTES);
        if (need > available.bytes()) {
            throw new InsufficientMemoryException("not enough memory for " + model + ": it needs about " + gib(need)
                    + " (" + parts + ") but " + gib(available.bytes()) + " is available (" + available.source()
                    + "); close other programs, lower --context, or pass --ignore-memory-check to run anyway"
                    + " (slowly, re-reading weights from disk)");
        }
        long heap = info.heapBytesNeeded(cfg, contextTokens, 1);
        if (heap > available.heapBytes()) {
            throw new InsufficientMemoryException("the Java heap is too small for " + model + " with a " + contextTokens
                    + "-token context: it needs about " + gib(heap) + " (KV cache " + gib(kv)
                    + (image > 0 ? ", one cached image " + gib(image) : "") + ", working memory "
                    + gib(ModelInfo.WORKSPACE_BYTES) + ") but the heap limit is " + gib(available.heapBytes())
                    + "; lower --context, raise the limit (TESSERA_JAVA_OPTS=-Xmx...), or pass --ignore-memory-check");
        }
    }
}
