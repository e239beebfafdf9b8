package dev.tessera.caption;

import java.nio.file.Path;

/**
 * What a running batch reports, on the batch's own thread: a view marshals to its UI thread, the command line
 * prints. Every method has an empty default.
 */
public interface BatchListener {
    enum State { PLANNING, RUNNING, PAUSED, FINISHED, CANCELLED }

    enum Kind { CAPTIONED, COPIED, SKIPPED, FAILED, BLOCKED }

    /**
     * What happened to one image. {@code row} is the row written (for SKIPPED, the earlier row; null for an
     * image skipped without one); {@code detail} is the failure reason, the skip reason or a sidecar problem.
     */
    record Outcome(Path path, Kind kind, CaptionRow row, String detail) {}

    default void stateChanged(State state) {}

    /** Something the user should know that is not about one image (a repaired results file, a restart's backup). */
    default void note(String message) {}

    default void hashing(int done, int total) {}

    default void planned(BatchPlan plan) {}

    default void modelLoading() {}

    default void modelLoaded(double loadMs) {}

    default void imageStarted(Path path, BatchProgress progress) {}

    default void imageFinished(Outcome outcome, BatchProgress progress) {}

    BatchListener NONE = new BatchListener() {};
}
