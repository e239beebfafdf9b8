package dev.tessera.desktop.engine;

/** The engine the app runs on. */
public final class Engines {
    private Engines() {}

    /** The real engine over the vision-language model facade. */
    public static ChatEngine create() {
        return new VlmChatEngine();
    }
}
