package dev.tessera.mllama;

import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.config.TextConfig;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.TensorInfo;
import dev.tessera.engine.tensor.DType;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a model folder holds and what running it needs: parameter counts, dtypes, and a memory estimate
 * (weights are memory-mapped and read once per token, so they must fit in RAM to run at speed).
 */
public record ModelInfo(String architecture, long parameters, long weightBytes, Map<DType, Long> bytesByDType,
                        int tensors, int files, long kvBytesPerToken, long visionParameters) {

    public static ModelInfo of(ModelConfig cfg, Checkpoint ckpt) {
        long params = 0, bytes = 0, vision = 0;
        Map<DType, Long> byType = new EnumMap<>(DType.class);
        for (String name : ckpt.names()) {
            TensorInfo t = ckpt.info(name);
            params += t.elementCount();
            bytes += t.byteSize();
            byType.merge(t.dtype(), t.byteSize(), Long::sum);
            if (name.startsWith("vision_model.")) vision += t.elementCount();
        }
        TextConfig text = cfg.text();
        int selfLayers = text.numHiddenLayers() - text.crossAttentionLayers().length;
        long kvPerToken = 2L * selfLayers * text.kvDim() * Float.BYTES;
        String arch = cfg.isVision()
                ? "mllama (Llama 3.2 Vision): " + selfLayers + " self-attention + " + text.crossAttentionLayers().length
                  + " cross-attention layers, hidden " + text.hiddenSize() + "; vision " + cfg.vision().numHiddenLayers()
                  + " + " + cfg.vision().numGlobalLayers() + " layers, hidden " + cfg.vision().hiddenSize() + ", "
                  + cfg.vision().imageSize() + " px tiles"
                : "llama: " + text.numHiddenLayers() + " layers, hidden " + text.hiddenSize();
        return new ModelInfo(arch, params, bytes, byType, ckpt.names().size(), ckpt.files().size(), kvPerToken, vision);
    }

    /** Activations, JIT code and heap headroom beside the weights and caches. */
    public static final long WORKSPACE_BYTES = 512L << 20;

    /**
     * Bytes needed to run with a context of {@code contextTokens}: weights (mapped, must stay resident),
     * the float32 KV cache, and per image the cross-attention keys/values kept by the image cache.
     */
    public long bytesNeeded(ModelConfig cfg, int contextTokens, int cachedImages) {
        return weightBytes + heapBytesNeeded(cfg, contextTokens, cachedImages);
    }

    /** The part of {@link #bytesNeeded} that lives on the Java heap: everything but the mapped weights. */
    public long heapBytesNeeded(ModelConfig cfg, int contextTokens, int cachedImages) {
        return kvBytesPerToken * contextTokens + imageBytes(cfg) * cachedImages + WORKSPACE_BYTES;
    }

    /** Heap bytes of one cached image: its projected features and every cross-attention layer's keys/values. */
    public static long imageBytes(ModelConfig cfg) {
        if (!cfg.isVision()) return 0;
        long tokens = (long) cfg.vision().maxNumTiles() * cfg.vision().patchesPerTile();
        return tokens * Float.BYTES * (cfg.text().hiddenSize()
                + 2L * cfg.text().kvDim() * cfg.text().crossAttentionLayers().length);
    }

    /** Physical memory of this machine, from /proc/meminfo or the JVM's view. */
    public static long totalMemoryBytes() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getTotalMemorySize();
        return Runtime.getRuntime().maxMemory();
    }

    public static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
