package dev.tessera.caption;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.generate.CancelledException;
import dev.tessera.mllama.ImagePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What a batch will do with each image, decided up front from the content hashes and the rows of earlier runs,
 * so that progress and the time left count only the images that need the model.
 *
 * <p>Rules, for an image at path P with content hash H, under the current {@link CaptionSettings}:
 * <ol>
 *   <li>P's latest row has hash H and these settings: {@link Action#SKIP} (already captioned, or failed before;
 *       failures are retried with {@code retryFailed}). An edited image has another hash and is captioned anew.</li>
 *   <li>Another path has a done (or guard-blocked) row for H with these settings: {@link Action#COPY} its
 *       result into a row for P, without the model (a renamed file, or a copy of a photo).</li>
 *   <li>An earlier image of this batch has hash H: {@link Action#COPY} that image's result once it is done.
 *       Duplicates are captioned once and every path gets its own row.</li>
 *   <li>Otherwise {@link Action#CAPTION}; an image that cannot even be read for hashing: {@link Action#FAIL}.</li>
 * </ol>
 */
public final class BatchPlan {
    public enum Action { CAPTION, COPY, SKIP, FAIL }

    /**
     * @param previous for COPY from an earlier run and for SKIP, the row that decided it
     * @param sameAs   for COPY within this batch, the image captioned in its place
     * @param reason   for SKIP and FAIL, why
     */
    public record Task(Path path, String sha256, Long size, Action action, CaptionRow previous, Path sameAs,
                       String reason) {}

    /** Called after each hashed image (hashing thousands of photos takes a while). */
    @FunctionalInterface
    public interface Progress {
        void hashed(int done, int total);
    }

    private final List<Task> tasks;

    private BatchPlan(List<Task> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    public List<Task> tasks() {
        return tasks;
    }

    public int count(Action action) {
        return (int) tasks.stream().filter(t -> t.action() == action).count();
    }

    /** @throws CancelledException when {@code cancelled} turns true while hashing */
    public static BatchPlan make(List<Path> images, List<CaptionRow> rows, CaptionSettings settings,
                                 boolean retryFailed, Progress progress, BooleanSupplier cancelled) {
        Map<String, CaptionRow> latestByPath = new HashMap<>();
        Map<String, CaptionRow> resultByHash = new HashMap<>();
        for (CaptionRow r : rows) {
            latestByPath.put(r.path(), r);
            if (r.sha256() != null && !r.isFailed() && settings.matches(r)) resultByHash.put(r.sha256(), r);
        }
        Map<String, Path> firstInBatch = new HashMap<>();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (cancelled.getAsBoolean()) throw new CancelledException();
            Path path = images.get(i);
            String hash = null, unreadable = null;
            Long size = null;
            try {
                size = Files.size(path);
                hash = ImagePipeline.sha256(path);
            } catch (BadInputException e) {
                unreadable = e.getMessage();
            } catch (IOException e) {
                unreadable = path + ": cannot read (" + e.getMessage() + ")";
            }
            CaptionRow prev = latestByPath.get(path.toString());
            if (prev != null && settings.matches(prev) && Objects.equals(prev.sha256(), hash)
                    && (!prev.isFailed() || !retryFailed)) {
                String why = prev.isFailed() ? "failed before: " + prev.error() : "already captioned";
                tasks.add(new Task(path, hash, size, Action.SKIP, prev, null, why));
            } else if (unreadable != null) {
                tasks.add(new Task(path, null, size, Action.FAIL, null, null, unreadable));
            } else if (resultByHash.containsKey(hash)) {
                tasks.add(new Task(path, hash, size, Action.COPY, resultByHash.get(hash), null, null));
            } else if (firstInBatch.containsKey(hash)) {
                tasks.add(new Task(path, hash, size, Action.COPY, null, firstInBatch.get(hash), null));
            } else {
                firstInBatch.put(hash, path);
                tasks.add(new Task(path, hash, size, Action.CAPTION, null, null, null));
            }
            progress.hashed(i + 1, images.size());
        }
        return new BatchPlan(tasks);
    }
}
