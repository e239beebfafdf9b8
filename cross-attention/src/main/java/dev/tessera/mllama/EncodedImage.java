package dev.tessera.mllama;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An image after the vision encoder and projector, plus the keys/values each cross-attention layer derives
 * from it. Those are computed once per image and layer and reused by every token, every decoding step and
 * every follow-up question (the image-embedding cache keeps whole EncodedImages).
 */
public final class EncodedImage {
    private final ImageFeatures features;
    private final ConcurrentHashMap<Integer, ImageKV> kvByLayer = new ConcurrentHashMap<>();
    private final long encodeNanos;
    private final ImageInfo layout; // how the preprocessor laid the image out (null when built from raw states)

    /** Keys (tokens, kvDim) after k_norm, and values (tokens, kvDim), of one cross-attention layer. */
    public record ImageKV(float[] keys, float[] values) {
        long bytes() {
            return 4L * (keys.length + values.length);
        }
    }

    public EncodedImage(ImageFeatures features, long encodeNanos) {
        this(features, encodeNanos, null);
    }

    public EncodedImage(ImageFeatures features, long encodeNanos, ImageInfo layout) {
        this.features = features;
        this.encodeNanos = encodeNanos;
        this.layout = layout;
    }

    public ImageInfo layout() {
        return layout;
    }

    public ImageFeatures features() {
        return features;
    }

    public long encodeNanos() {
        return encodeNanos;
    }

    public ImageKV kv(int layer, Supplier<ImageKV> compute) {
        return kvByLayer.computeIfAbsent(layer, l -> compute.get());
    }

    /** Heap bytes held: projector output plus the per-layer keys and values computed so far. */
    public long bytes() {
        long n = 4L * features.crossStates().length;
        for (ImageKV kv : kvByLayer.values()) n += kv.bytes();
        return n;
    }
}
