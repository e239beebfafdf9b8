package dev.tessera.desktop.engine;

import dev.tessera.caption.BatchListener;
import dev.tessera.caption.CaptionBatch;

/** Makes the batch for a caption request; the batch loads its model when its first image needs it. */
@FunctionalInterface
public interface CaptionEngine {
    /** @throws RuntimeException with a one-line reason when the request cannot run (not a vision model, bad prompt) */
    CaptionBatch batch(CaptionRequest request, BatchListener listener);
}
