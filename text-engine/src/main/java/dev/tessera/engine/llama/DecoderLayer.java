package dev.tessera.engine.llama;

/** One layer of the decoder stack. */
public interface DecoderLayer {
    /**
     * Updates the hidden states x (n, D) of the n tokens at positions seq.length() .. + n - 1 in place.
     */
    void forward(float[] x, int n, Sequence seq);

    /** Bytes of weights this layer reads per token. */
    long weightBytes();

    /** A layer that passes its input through: a cross-attention layer when no image is in play. */
    DecoderLayer IDENTITY = new DecoderLayer() {
        @Override
        public void forward(float[] x, int n, Sequence seq) {}

        @Override
        public long weightBytes() {
            return 0;
        }
    };
}
