package dev.tessera.caption;

import java.nio.file.Path;
import java.util.List;

/**
 * How a batch ended.
 *
 * @param failures        images (or folders) that could not be captioned, with the reason
 * @param failedBefore    images skipped because an earlier run could not caption them (not retried without
 *                        {@code retryFailed}): still without a caption, so the batch is not complete
 * @param sidecarProblems captions that were saved but whose sidecar could not be written
 * @param modelLoadMs     0 when no image needed the model (it was not loaded)
 */
public record BatchSummary(BatchProgress progress, List<Failure> failures, List<Failure> failedBefore,
                           List<Failure> sidecarProblems,
                           boolean cancelled, double modelLoadMs, Path results) {
    public record Failure(Path path, String reason) {}

    /** Whether every image of the batch has a caption (or a guard verdict) and the batch ran to its end. */
    public boolean complete() {
        return failures.isEmpty() && failedBefore.isEmpty() && !cancelled;
    }

    public BatchSummary {
        failures = List.copyOf(failures);
        failedBefore = List.copyOf(failedBefore);
        sidecarProblems = List.copyOf(sidecarProblems);
    }
}
