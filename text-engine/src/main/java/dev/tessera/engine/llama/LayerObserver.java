package dev.tessera.engine.llama;

/** Sees the hidden states entering each decoder layer, and (layer = L) the output of the last one. */
@FunctionalInterface
public interface LayerObserver {
    void hiddenStates(int layer, float[] x, int n);
}
