package dev.tessera.engine.tokenizer;

import java.util.Arrays;

/**
 * The BPE merge list as a primitive hash table: (left id, right id) -> (rank, merged id). This lookup is the
 * inner loop of encoding, so it avoids boxing and string concatenation: one long key per pair, open
 * addressing with linear probing, arrays sized to a power of two at most half full.
 */
final class MergeTable {
    private static final long EMPTY = -1L; // never a real key: ids are non-negative

    private final long[] keys;
    private final int[] ranks;
    private final int[] mergedIds;
    private final int mask;
    private final int shift;

    MergeTable(int expectedPairs) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedPairs * 2 - 1)) << 1;
        keys = new long[capacity];
        ranks = new int[capacity];
        mergedIds = new int[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        Arrays.fill(keys, EMPTY);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads the two ids over the high bits
        return (int) (h >>> shift);
    }

    /** Adds a merge; a pair listed twice keeps its later rank, as HF tokenizers' HashMap collect does. */
    void put(int left, int right, int rank, int mergedId) {
        long key = key(left, right);
        int i = slot(key);
        while (keys[i] != EMPTY && keys[i] != key) i = (i + 1) & mask;
        keys[i] = key;
        ranks[i] = rank;
        mergedIds[i] = mergedId;
    }

    /** Slot of the pair, or -1 if the two ids do not merge. */
    int find(int left, int right) {
        long key = key(left, right);
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == key) return i;
            if (k == EMPTY) return -1;
            i = (i + 1) & mask;
        }
    }

    int rankAt(int slot) {
        return ranks[slot];
    }

    int mergedIdAt(int slot) {
        return mergedIds[slot];
    }
}
