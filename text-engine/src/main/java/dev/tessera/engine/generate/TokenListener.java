package dev.tessera.engine.generate;

/** Receives each generated token as soon as it is chosen (the hook for streaming to a terminal or a window). */
@FunctionalInterface
public interface TokenListener {
    void onToken(int id);

    TokenListener NONE = id -> {};
}
