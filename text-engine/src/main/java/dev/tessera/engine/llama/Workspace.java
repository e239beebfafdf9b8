package dev.tessera.engine.llama;

/**
 * The activations of one sequence's forward passes, reused from token to token: decoding allocates nothing
 * once the buffers have grown to the largest batch (a prefill chunk). The layers run one after another, so
 * each buffer is shared by all of them. A buffer may be longer than asked for; kernels write only the part
 * they are told to.
 */
public final class Workspace {
    /** What a buffer holds while a layer runs. */
    public enum Slot {
        HIDDEN, NORMED, Q, K, V, ATTENTION, OUT, GATE, UP, LAST, LOGITS, ROW_MASK
    }

    private final float[][] buffers = new float[Slot.values().length][];

    /** The buffer for {@code slot}, at least {@code size} floats; its contents are whatever was left in it. */
    public float[] get(Slot slot, int size) {
        float[] b = buffers[slot.ordinal()];
        if (b == null || b.length < size) {
            b = new float[size];
            buffers[slot.ordinal()] = b;
        }
        return b;
    }
}
