package dev.tessera.caption;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a batch needs to know besides the model.
 *
 * @param inputs      image files and folders
 * @param recursive   whether to descend into subfolders
 * @param out         the results file (.jsonl or .csv)
 * @param retryFailed caption again the images whose earlier attempt failed (by default they are skipped, as the
 *                    same bytes would fail the same way)
 */
public record CaptionJob(List<Path> inputs, boolean recursive, CaptionSettings settings, Path out,
                         ResultLog.Mode mode, Sidecar sidecar, boolean retryFailed) {
    public CaptionJob {
        inputs = List.copyOf(inputs);
    }
}
