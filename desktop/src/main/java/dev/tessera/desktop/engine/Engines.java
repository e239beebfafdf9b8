package dev.tessera.desktop.engine;

import java.nio.file.Path;

/** The engine the app runs on. */
public final class Engines {
    private Engines() {}

    /** The real engine over the vision-language model facade. */
    public static ChatEngine create() {
        return new PendingChatEngine();
    }

    /** Until the facade is merged: every load says so (the UI, demo model and inspection still work). */
    static final class PendingChatEngine implements ChatEngine {
        @Override
        public ModelDescription load(Path dir) {
            throw new UnsupportedOperationException("this build has no vision-language engine facade yet; the model at "
                    + dir + " cannot be loaded");
        }

        @Override
        public ModelDescription model() {
            return null;
        }

        @Override
        public EngineReply ask(ChatRequest request, TokenSink sink, CancelToken cancel) {
            throw new IllegalStateException("no model loaded");
        }

        @Override
        public void forget(String conversationId) {}

        @Override
        public void close() {}
    }
}
