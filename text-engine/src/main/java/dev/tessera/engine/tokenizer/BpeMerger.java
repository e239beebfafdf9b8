package dev.tessera.engine.tokenizer;

/**
 * Applies BPE merges to one pre-tokenized word, exactly in HF tokenizers' order: always merge the adjacent
 * pair with the lowest rank, the leftmost one on ties, until no adjacent pair is in the merge list.
 *
 * <p>The candidate pairs live in a min-heap of longs ({@code rank << 32 | left position}), so long words
 * (runs of spaces, "=====" rules) cost O(n log n), not O(n^2). Entries go stale when a neighbour merges;
 * they are recognised on pop because the pair now at that position has a different rank (every pair has
 * its own rank, and a changed pair is a longer string).
 */
final class BpeMerger {
    private BpeMerger() {}

    /** Merges the symbol ids of one word (initially one id per byte); returns the final ids. */
    static int[] merge(int[] symbols, MergeTable merges) {
        int n = symbols.length;
        if (n < 2) return symbols;
        int[] id = symbols.clone();
        int[] prev = new int[n];
        int[] next = new int[n]; // n = no next symbol
        boolean[] dead = new boolean[n];
        // each merge pushes at most two new pairs, and there are at most n - 1 merges
        long[] heap = new long[3 * n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1;
        }
        for (int i = 0; i + 1 < n; i++) {
            int slot = merges.find(id[i], id[i + 1]);
            if (slot >= 0) size = push(heap, size, entry(merges.rankAt(slot), i));
        }
        while (size > 0) {
            long top = heap[0];
            size = pop(heap, size);
            int pos = (int) top;
            int rank = (int) (top >>> 32);
            int right = next[pos];
            if (dead[pos] || right >= n) continue;
            int slot = merges.find(id[pos], id[right]);
            if (slot < 0 || merges.rankAt(slot) != rank) continue; // stale entry
            id[pos] = merges.mergedIdAt(slot);
            dead[right] = true;
            int after = next[right];
            next[pos] = after;
            if (after < n) prev[after] = pos;
            int before = prev[pos];
            if (before >= 0) {
                int s = merges.find(id[before], id[pos]);
                if (s >= 0) size = push(heap, size, entry(merges.rankAt(s), before));
            }
            if (after < n) {
                int s = merges.find(id[pos], id[after]);
                if (s >= 0) size = push(heap, size, entry(merges.rankAt(s), pos));
            }
        }
        int count = 0;
        for (int i = 0; i < n; i = next[i]) count++;
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < n; i = next[i]) out[k++] = id[i];
        return out;
    }

    private static long entry(int rank, int pos) {
        return ((long) rank << 32) | pos;
    }

    private static int push(long[] heap, int size, long value) {
        int i = size;
        heap[i] = value;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= heap[i]) break;
            long t = heap[parent];
            heap[parent] = heap[i];
            heap[i] = t;
            i = parent;
        }
        return size + 1;
    }

    /** Removes the smallest entry; returns the new size. */
    private static int pop(long[] heap, int size) {
        size--;
        heap[0] = heap[size];
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) break;
            int smallest = (l + 1 < size && heap[l + 1] < heap[l]) ? l + 1 : l;
            if (heap[i] <= heap[smallest]) break;
            long t = heap[i];
            heap[i] = heap[smallest];
            heap[smallest] = t;
            i = smallest;
        }
        return size;
    }
}
