package dev.tessera.engine.llama;

/**
 * The state of one conversation being decoded: how many tokens the model has seen and their keys/values.
 * The vision model extends it with the image's cross-attention state.
 */
public class Sequence {
    private final KVCache cache;
    private int length;
    private boolean[] tokenIsImage = new boolean[64];
    private int[] tokens = new int[64];
    private final Workspace workspace = new Workspace();

    public Sequence(KVCache cache) {
        this.cache = cache;
    }

    /** The activation buffers this sequence's forward passes reuse. */
    public Workspace workspace() {
        return workspace;
    }

    public KVCache cache() {
        return cache;
    }

    /** Number of tokens already processed (= position of the next token). */
    public int length() {
        return length;
    }

    /** The ids processed so far. */
    public int[] tokens() {
        return java.util.Arrays.copyOf(tokens, length);
    }

    /**
     * Forgets the tokens from position {@code n} on, keeping the first {@code n} and their keys/values (later
     * positions are overwritten by what is fed next): a prompt that shares a prefix with the one processed
     * before prefills only the rest.
     */
    public void truncate(int n) {
        if (n < 0 || n > length) throw new IllegalArgumentException("cannot keep " + n + " of " + length + " tokens");
        length = n;
    }

    /** Called by the model before a batch of n tokens passes through the layers. */
    protected void beginBatch(int[] ids, int off, int n) {
        cache.ensureCapacity(length + n);
        if (tokens.length < length + n) tokens = java.util.Arrays.copyOf(tokens, Math.max(length + n, tokens.length * 2));
        System.arraycopy(ids, off, tokens, length, n);
    }

    /** Called by the model after the batch: the tokens become part of the past. */
    protected void endBatch(int n) {
        length += n;
    }
}
