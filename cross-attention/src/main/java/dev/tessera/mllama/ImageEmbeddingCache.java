package dev.tessera.mllama;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Encoded images by content: asking a second question about the same picture (same bytes, same tile setting)
 * reuses its vision features and every cross-attention layer's keys/values instead of re-encoding.
 * Bounded by heap bytes; the least recently used images go first.
 */
public final class ImageEmbeddingCache {
    /** What makes two encodings interchangeable: the image bytes' SHA-256 and the tile limit used. */
    public record Key(String contentSha256, int maxTiles) {}

    private final LinkedHashMap<Key, EncodedImage> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long maxBytes;
    private long hits, misses;

    public ImageEmbeddingCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The cached encoding, or the one {@code encode} makes (then kept). */
    public EncodedImage get(Key key, Supplier<EncodedImage> encode) {
        synchronized (this) {
            EncodedImage e = entries.get(key);
            if (e != null) {
                hits++;
                return e;
            }
            misses++;
        }
        EncodedImage fresh = encode.get(); // outside the lock: encoding takes seconds
        synchronized (this) {
            entries.putIfAbsent(key, fresh);
            evict();
            return entries.getOrDefault(key, fresh);
        }
    }

    /**
     * Re-checks the bound: an entry grows after insertion as layers add their keys/values, so callers invoke
     * this after a generation.
     */
    public synchronized void evict() {
        long total = bytes();
        Iterator<Map.Entry<Key, EncodedImage>> it = entries.entrySet().iterator();
        while (total > maxBytes && it.hasNext()) {
            Map.Entry<Key, EncodedImage> oldest = it.next();
            if (entries.size() == 1) break; // the image in use stays, even if alone it is over the bound
            total -= oldest.getValue().bytes();
            it.remove();
        }
    }

    public synchronized long bytes() {
        long n = 0;
        for (EncodedImage e : entries.values()) n += e.bytes();
        return n;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized boolean contains(Key key) {
        return entries.containsKey(key);
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }

    public synchronized void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
        evict();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
