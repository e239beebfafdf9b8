package dev.tessera.caption;

import java.nio.file.Path;
import java.util.List;

/**
 * How a batch ended.
 *
 * @param failures        images (or folders) that could not be captioned, with the reason
 * @param sidecarProblems captions that were saved but whose sidecar could not be written
 * @param modelLoadMs     0 when no image needed the model (it was not loaded)
 */
public record BatchSummary(BatchProgress progress, List<Failure> failures, List<Failure> sidecarProblems,
                           boolean cancelled, double modelLoadMs, Path results) {
    public record Failure(Path path, String reason) {}

    public BatchSummary {
        failures = List.copyOf(failures);
        sidecarProblems = List.copyOf(sidecarProblems);
    }
}
