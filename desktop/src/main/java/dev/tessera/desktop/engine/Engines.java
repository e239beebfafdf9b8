package dev.tessera.desktop.engine;

/** The engine the app runs on. */
public final class Engines {
    private Engines() {}

    /** The real engine over the vision-language model facade. */
    public static ChatEngine create() {
        return new VlmChatEngine();
    }

    /** The safety check over a Llama Guard 3 folder (loaded on its first check). */
    public static dev.tessera.desktop.guard.Guard guard(java.nio.file.Path dir) {
        return new LlamaGuardAdapter(dir);
    }

    /** The real folder-captioning engine (each batch loads its own model, with a small image cache). */
    public static CaptionEngine captions() {
        return new VlmCaptionEngine();
    }
}
