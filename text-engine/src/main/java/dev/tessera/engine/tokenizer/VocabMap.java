package dev.tessera.engine.tokenizer;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * Token text -> id for the 128k-entry vocabulary, looked up by String or by a char range. Loading resolves
 * 280k merges, three lookups each, so this is the hot spot of loading: a range lookup reads the merge halves
 * straight from the parser's buffer (no substring, no boxing), probes one long per slot that holds hash,
 * length and entry index, and compares against a copy of the key in one char pool: two cache misses per
 * lookup instead of five for a {@code HashMap<String, Integer>}.
 */
final class VocabMap {
    private static final int MAX_ENTRIES = (1 << 24) - 1;
    private static final int LONG_KEY = 0xFF; // length field of keys of 255+ chars: read the key's length

    private long[] slots; // 0 = empty, else hash << 32 | min(length, 255) << 24 | (entry + 1)
    private String[] keys = new String[1 << 12]; // entries, in insertion order
    private int[] ids = new int[1 << 12];
    private int[] starts = new int[1 << 12]; // entry e's text is pool[starts[e], starts[e] + keys[e].length())
    private char[] pool = new char[1 << 16];
    private int poolSize;
    private int size;

    VocabMap(int expected) {
        slots = new long[Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1];
    }

    /** Adds or replaces an entry (a key listed twice keeps its last id, as reading JSON into a map does). */
    void put(String key, int id) {
        if (2 * (size + 1) > slots.length) rehash(slots.length * 2);
        int h = key.hashCode();
        int mask = slots.length - 1;
        int i = mix(h) & mask;
        for (long s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            int e = entry(s);
            if ((int) (s >>> 32) == h && keys[e].equals(key)) {
                ids[e] = id;
                return;
            }
        }
        if (size == MAX_ENTRIES) throw new IllegalStateException("vocabulary larger than " + MAX_ENTRIES);
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, 2 * size);
            ids = Arrays.copyOf(ids, 2 * size);
            starts = Arrays.copyOf(starts, 2 * size);
        }
        if (poolSize + key.length() > pool.length) pool = Arrays.copyOf(pool, Math.max(2 * pool.length, poolSize + key.length()));
        key.getChars(0, key.length(), pool, poolSize);
        keys[size] = key;
        ids[size] = id;
        starts[size] = poolSize;
        poolSize += key.length();
        slots[i] = slot(h, key.length(), size);
        size++;
    }

    /** Id of {@code key}, or -1. */
    int get(String key) {
        int h = key.hashCode();
        int mask = slots.length - 1;
        for (int i = mix(h) & mask; slots[i] != 0; i = (i + 1) & mask) {
            long s = slots[i];
            int e = entry(s);
            if ((int) (s >>> 32) == h && keys[e].equals(key)) return ids[e];
        }
        return -1;
    }

    /** Id of the text {@code chars[from, from + length)}, or -1. */
    int get(char[] chars, int from, int length) {
        int h = 0;
        for (int k = from; k < from + length; k++) h = 31 * h + chars[k]; // String.hashCode of the range
        int mask = slots.length - 1;
        for (int i = mix(h) & mask; slots[i] != 0; i = (i + 1) & mask) {
            long s = slots[i];
            if ((int) (s >>> 32) != h) continue;
            int storedLength = (int) (s >>> 24) & 0xFF;
            int e = entry(s);
            if (storedLength == LONG_KEY ? keys[e].length() != length : storedLength != length) continue;
            if (sameChars(starts[e], chars, from, length)) return ids[e];
        }
        return -1;
    }

    private boolean sameChars(int start, char[] chars, int from, int length) {
        for (int k = 0; k < length; k++) if (pool[start + k] != chars[from + k]) return false;
        return true;
    }

    /** Calls {@code action} for every entry, in insertion order. */
    void forEach(ObjIntConsumer<String> action) {
        for (int e = 0; e < size; e++) action.accept(keys[e], ids[e]);
    }

    /** The number of entries. */
    int size() {
        return size;
    }

    /** The largest id, or -1 if empty. */
    int maxId() {
        int max = -1;
        for (int e = 0; e < size; e++) max = Math.max(max, ids[e]);
        return max;
    }

    private static long slot(int hash, int length, int entry) {
        return ((long) hash << 32) | ((long) Math.min(length, LONG_KEY) << 24) | (entry + 1);
    }

    private static int entry(long slot) {
        return ((int) slot & 0xFFFFFF) - 1;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private void rehash(int capacity) {
        slots = new long[capacity];
        int mask = capacity - 1;
        for (int e = 0; e < size; e++) {
            int h = keys[e].hashCode();
            int i = mix(h) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = slot(h, keys[e].length(), e);
        }
    }
}
