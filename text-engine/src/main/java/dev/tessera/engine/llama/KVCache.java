package dev.tessera.engine.llama;

import java.util.Arrays;

/**
 * Keys and values of the self-attention layers for one sequence, float32, laid out per layer as
 * (position, kvHeads * headDim). Grows by doubling, so a conversation is not bounded by a guess made up front.
 */
public final class KVCache {
    private final int kvDim;
    private final float[][] keys, values; // [layer] -> (capacity, kvDim); null for layers without self-attention
    private int capacity;

    public KVCache(int layers, boolean[] selfAttention, int kvDim, int initialCapacity) {
        this.kvDim = kvDim;
        this.capacity = Math.max(1, initialCapacity);
        keys = new float[layers][];
        values = new float[layers][];
        for (int l = 0; l < layers; l++) {
            if (selfAttention[l]) {
                keys[l] = new float[capacity * kvDim];
                values[l] = new float[capacity * kvDim];
            }
        }
    }

    public void ensureCapacity(int positions) {
        if (positions <= capacity) return;
        int cap = Math.max(positions, capacity * 2);
        for (int l = 0; l < keys.length; l++) {
            if (keys[l] != null) {
                keys[l] = Arrays.copyOf(keys[l], cap * kvDim);
                values[l] = Arrays.copyOf(values[l], cap * kvDim);
            }
        }
        capacity = cap;
    }

    public float[] keys(int layer) {
        return keys[layer];
    }

    public float[] values(int layer) {
        return values[layer];
    }

    public int kvDim() {
        return kvDim;
    }

    public int capacity() {
        return capacity;
    }

    public long bytes() {
        long n = 0;
        for (float[] k : keys) if (k != null) n += 2L * k.length * 4;
        return n;
    }
}
