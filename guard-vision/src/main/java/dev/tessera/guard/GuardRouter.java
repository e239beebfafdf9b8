package dev.tessera.guard;

import dev.tessera.engine.generate.Cancellation;
import dev.tessera.mllama.SourceImage;
import java.util.List;

/**
 * Two guards, each where it is cheapest: conversations with an image go to the vision guard (Llama Guard 3
 * 11B-Vision), text-only ones to the text guard (Llama Guard 3 1B: same categories and template, about a tenth
 * of the weights to stream per token). The route is decided per check, so an image-free follow-up in a chat
 * that once had an image still goes to the vision guard: the image stays part of the conversation checked.
 */
public final class GuardRouter implements Classifier, AutoCloseable {
    private final Classifier vision;
    private final Classifier text;

    public GuardRouter(Classifier vision, Classifier text) {
        this.vision = vision;
        this.text = text;
    }

    @Override
    public GuardResult classify(GuardConversation c, List<SourceImage> images, Cancellation cancel) {
        return (c.imageItems() > 0 ? vision : text).classify(c, images, cancel);
    }

    @Override
    public void close() throws Exception {
        try {
            if (vision instanceof AutoCloseable v) v.close();
        } finally {
            if (text instanceof AutoCloseable t) t.close();
        }
    }
}
