package dev.tessera.desktop.engine;

/** Receives decoded text as it is generated, on the engine's thread. */
@FunctionalInterface
public interface TokenSink {
    void onText(String piece);
}
