package dev.tessera.caption;

import java.time.Duration;

/**
 * A snapshot of a batch's counts and speed.
 *
 * @param total           images in the batch
 * @param toCaption       images still waiting for the model
 * @param captionSeconds  time spent on images that needed the model (pauses and model loading excluded)
 * @param imagesPerMinute images through the model per minute so far (0 until the first one is done)
 * @param eta             time left for the images still waiting for the model, null until a rate is known
 */
public record BatchProgress(int total, int captioned, int copied, int skipped, int failed, int blocked, int toCaption,
                            double captionSeconds, double imagesPerMinute, Duration eta) {
    /** Images finished in any way. */
    public int processed() {
        return captioned + copied + skipped + failed + blocked;
    }

    public double fraction() {
        return total == 0 ? 1 : processed() / (double) total;
    }
}
