package dev.tessera.mllama;

import static dev.tessera.mllama.ModelInfo.gib;

import dev.tessera.engine.InsufficientMemoryException;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.quant.QuantPlan;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.TensorInfo;
import dev.tessera.engine.tensor.Quantization;
import java.util.Map;

/**
 * Refuses, before anything is loaded, a model that cannot run well here. Two limits: the machine's available
 * memory must hold the weights in the chosen format (memory-mapped bf16: when they do not fit, every token
 * re-reads them from disk, a thousand times slower; quantized copies live in process memory) plus the caches;
 * and the Java heap must hold the KV cache for the whole context plus one image's features (else the
 * conversation dies of an OutOfMemoryError once it grows long).
 */
final class MemoryCheck {
    private MemoryCheck() {}

    /**
     * Bytes that must stay resident while the model runs with {@code q}: quantized copies of the planned
     * matrices (their bf16 originals are read once, to quantize, and may then leave memory) and every other
     * tensor as the checkpoint holds it.
     */
    static long residentWeightBytes(Checkpoint ckpt, Quantization q) {
        Map<String, Quantization> plan = QuantPlan.of(ckpt, q);
        long bytes = 0;
        for (String name : ckpt.names()) {
            TensorInfo t = ckpt.info(name);
            Quantization f = plan.get(name);
            bytes += f == null ? t.byteSize() : t.shape()[0] * f.rowBytes((int) t.shape()[1]);
        }
        return bytes;
    }

    static void check(String model, ModelInfo info, ModelConfig cfg, int contextTokens, Quantization q, long weightBytes,
                      AvailableMemory available) {
        long kv = info.kvBytesPerToken() * contextTokens, image = ModelInfo.imageBytes(cfg);
        long heap = info.heapBytesNeeded(cfg, contextTokens, 1);
        long need = weightBytes + heap;
        String parts = "weights (" + q.id() + ") " + gib(weightBytes) + ", KV cache for " + contextTokens + " tokens " + gib(kv)
                + (image > 0 ? ", one cached image " + gib(image) : "") + ", working memory " + gib(ModelInfo.WORKSPACE_BYTES);
        if (need > available.bytes()) {
            throw new InsufficientMemoryException("not enough memory for " + model + ": it needs about " + gib(need)
                    + " (" + parts + ") but " + gib(available.bytes()) + " is available (" + available.source()
                    + "); close other programs, lower --context, use --quant q8_0 or q4_0, or pass --ignore-memory-check"
                    + " to run anyway (slowly, re-reading weights from disk)");
        }
        if (heap > available.heapBytes()) {
            throw new InsufficientMemoryException("the Java heap is too small for " + model + " with a " + contextTokens
                    + "-token context: it needs about " + gib(heap) + " (KV cache " + gib(kv)
                    + (image > 0 ? ", one cached image " + gib(image) : "") + ", working memory "
                    + gib(ModelInfo.WORKSPACE_BYTES) + ") but the heap limit is " + gib(available.heapBytes())
                    + "; lower --context, raise the limit (TESSERA_JAVA_OPTS=-Xmx...), or pass --ignore-memory-check");
        }
    }
}
