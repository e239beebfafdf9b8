package dev.tessera.caption;

import dev.tessera.caption.BatchListener.Kind;
import dev.tessera.caption.BatchListener.Outcome;
import dev.tessera.caption.BatchListener.State;
import dev.tessera.caption.BatchPlan.Action;
import dev.tessera.caption.BatchPlan.Task;
import dev.tessera.caption.BatchSummary.Failure;
import dev.tessera.engine.TesseraException;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.CancelledException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Captions a batch of images, UI-free: finds the images, opens (and if need be repairs) the results file,
 * plans what to do with each image ({@link BatchPlan}), then goes through them in path order, writing each
 * result as soon as it exists. {@link #run()} blocks; {@link #pause()}, {@link #resume()} and {@link #cancel()}
 * may be called from any thread, and a {@link BatchListener} hears about every step.
 *
 * <p>Per image the order is: sidecar first, then the row. The row is the commit: a crash between the two
 * leaves no row, so the image is captioned again and its sidecar rewritten (merging is idempotent).
 *
 * <p>Pause takes effect between images (the image being captioned is finished first); cancel stops the
 * current image at once and drops it, since a half caption is worth nothing.
 */
public final class CaptionBatch {
    private final CaptionJob job;
    private final Supplier<Captioner> captionerFactory;
    private final ImageCheck check;
    private final BatchListener listener;
    private final Cancellation cancellation = new Cancellation();

    private final Object pauseLock = new Object();
    private boolean pauseRequested;
    private volatile State state = State.PLANNING;

    private Captioner captioner;
    private double modelLoadMs;
    private final ProgressClock clock = new ProgressClock();
    private final List<Failure> failures = new ArrayList<>();
    private final List<Failure> failedBefore = new ArrayList<>();
    private final List<Failure> sidecarProblems = new ArrayList<>();
    private final Map<Path, CaptionRow> writtenThisRun = new HashMap<>();
    /** Sidecar file -> the image it was written for in this run (IMG_1.jpg and IMG_1.png share IMG_1.xmp). */
    private final Map<Path, Path> sidecarOwners = new HashMap<>();

    /**
     * @param captioner opened on the first image that needs the model (never, when everything is done already),
     *                  closed when the batch ends
     * @param check     a guard run before each caption, or null
     */
    public CaptionBatch(CaptionJob job, Supplier<Captioner> captioner, ImageCheck check, BatchListener listener) {
        this.job = job;
        this.captionerFactory = captioner;
        this.check = check;
        this.listener = listener == null ? BatchListener.NONE : listener;
    }

    public State state() {
        return state;
    }

    /** Stops after the image in progress, until {@link #resume()}. */
    public void pause() {
        synchronized (pauseLock) {
            pauseRequested = true;
        }
    }

    public void resume() {
        synchronized (pauseLock) {
            pauseRequested = false;
            pauseLock.notifyAll();
        }
    }

    /** Stops as soon as possible; the image in progress gets no row and is redone by a resumed run. */
    public void cancel() {
        cancellation.cancel();
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    public BatchSummary run() {
        setState(State.PLANNING);
        ImageFinder.Found found = ImageFinder.find(job.inputs(), job.recursive());
        for (ImageFinder.Problem p : found.problems()) failures.add(new Failure(p.path(), p.reason()));
        try (ResultLog log = ResultLog.open(job.out(), job.mode())) {
            log.notes().forEach(listener::note);
            BatchPlan plan = BatchPlan.make(found.images(), log.previousRows(), job.settings(), job.retryFailed(),
                    listener::hashing, this::isCancelled);
            clock.start(plan);
            listener.planned(plan);
            setState(State.RUNNING);
            process(plan, log);
        } catch (CancelledException e) {
            // stopped while planning or captioning: every finished image is already in the file
        } finally {
            if (captioner != null) captioner.close();
        }
        setState(isCancelled() ? State.CANCELLED : State.FINISHED);
        return new BatchSummary(clock.snapshot(), failures, failedBefore, sidecarProblems, isCancelled(), modelLoadMs,
                job.out().toAbsolutePath().normalize());
    }

    private void process(BatchPlan plan, ResultLog log) {
        List<Path> toDecode = plan.tasks().stream().filter(t -> t.action() == Action.CAPTION).map(Task::path).toList();
        try (Prefetcher prefetch = new Prefetcher(toDecode)) {
            int decodeIndex = 0;
            for (Task task : plan.tasks()) {
                waitWhilePaused();
                if (isCancelled()) return;
                listener.imageStarted(task.path(), clock.snapshot());
                Outcome outcome = switch (task.action()) {
                    case SKIP -> skip(task);
                    case FAIL -> commit(log, task, row(task, CaptionRow.FAILED, null, reason(task.path(), task.reason()),
                            null, null), null);
                    case COPY -> copy(log, task);
                    case CAPTION -> caption(log, task, prefetch, decodeIndex++);
                };
                listener.imageFinished(outcome, clock.snapshot());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(); // a view's task was cancelled with interruption: same as the stop button
        }
    }

    private Outcome skip(Task task) {
        clock.count(Kind.SKIPPED, false);
        CaptionRow prev = task.previous();
        if (prev.isFailed()) failedBefore.add(new Failure(task.path(), prev.error()));
        String problem = prev.isDone() ? writeSidecar(task.path(), prev.caption()) : null; // e.g. --sidecar added on a resume
        return new Outcome(task.path(), Kind.SKIPPED, prev, problem != null ? problem : task.reason());
    }

    private Outcome copy(ResultLog log, Task task) {
        CaptionRow source = task.previous() != null ? task.previous() : writtenThisRun.get(task.sameAs());
        if (source == null) { // the duplicate's original was not finished (cannot happen unless cancelled)
            throw new CancelledException();
        }
        CaptionRow row = source.copyFor(task.path().toString(), now());
        String problem = null;
        if (row.isDone()) { // the source's own sidecar problem is not this image's
            problem = writeSidecar(task.path(), row.caption());
            row = row.withError(problem);
        }
        return commit(log, task, row, problem);
    }

    private Outcome caption(ResultLog log, Task task, Prefetcher prefetch, int decodeIndex) throws InterruptedException {
        if (captioner == null) openCaptioner();
        clock.imageStarted();
        long t0 = System.nanoTime();
        Prefetcher.Decoded d = prefetch.take(decodeIndex, captioner);
        if (d.error() != null) {
            return commit(log, task, row(task, CaptionRow.FAILED, null, reason(task.path(), d.error()), null,
                    timings(d.decodeMs(), null, t0)), null);
        }
        String verdict = null;
        if (check != null) {
            ImageCheck.Verdict v;
            try {
                v = check.check(task.path(), d.image(), cancellation);
            } catch (CancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                // Fail closed for this image only: no caption without a verdict, and a resume may retry it.
                return commit(log, task, row(task, CaptionRow.FAILED, null, "the guard could not check it: "
                        + message(e), null, timings(d.decodeMs(), null, t0)), null);
            }
            verdict = v.label();
            if (!v.allowed()) {
                return commit(log, task, row(task, CaptionRow.BLOCKED, null, null, verdict,
                        timings(d.decodeMs(), null, t0)), null);
            }
        }
        Captioner.Caption c;
        try {
            c = captioner.caption(task.path(), task.sha256(), d.image(), d.prepared(), cancellation);
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            // One bad image must not end a batch of thousands; the reason goes into its row.
            return commit(log, task, row(task, CaptionRow.FAILED, null, reason(task.path(), message(e)), verdict,
                    timings(d.decodeMs(), null, t0)), null);
        }
        String problem = writeSidecar(task.path(), c.text());
        CaptionRow row = row(task, CaptionRow.DONE, c.text(), problem, verdict, timings(d.decodeMs(), c, t0));
        return commit(log, task, row, problem);
    }

    /** Writes the row (the commit point of an image) and counts it. */
    private Outcome commit(ResultLog log, Task task, CaptionRow row, String sidecarProblem) {
        log.append(row);
        writtenThisRun.put(task.path(), row);
        Kind kind = switch (row.status()) {
            case CaptionRow.FAILED -> Kind.FAILED;
            case CaptionRow.BLOCKED -> Kind.BLOCKED;
            default -> task.action() == Action.COPY ? Kind.COPIED : Kind.CAPTIONED;
        };
        if (kind == Kind.FAILED) failures.add(new Failure(task.path(), row.error()));
        if (sidecarProblem != null) sidecarProblems.add(new Failure(task.path(), sidecarProblem));
        clock.count(kind, task.action() == Action.CAPTION);
        String detail = kind == Kind.FAILED ? row.error() : sidecarProblem;
        return new Outcome(task.path(), kind, row, detail);
    }

    /** Writes the sidecar; returns why it could not be written, or null. */
    private String writeSidecar(Path image, String caption) {
        Path target = job.sidecar().target(image);
        Path owner = target == null ? null : sidecarOwners.putIfAbsent(target, image);
        if (owner != null && !owner.equals(image)) {
            // Overwriting would silently give the other image this one's caption.
            return "sidecar not written: " + target.getFileName() + " already holds the caption of "
                    + owner.getFileName() + " (same name without the extension; --xmp-name full gives each its own)";
        }
        try {
            boolean keywords = job.settings().preset() == Preset.KEYWORDS;
            job.sidecar().write(image, caption, keywords ? Preset.keywords(caption) : null);
            return null;
        } catch (RuntimeException e) {
            return "sidecar not written: " + e.getMessage();
        }
    }

    private void openCaptioner() {
        listener.modelLoading();
        long t0 = System.nanoTime();
        captioner = captionerFactory.get();
        modelLoadMs = (System.nanoTime() - t0) / 1e6;
        listener.modelLoaded(modelLoadMs);
    }

    private void waitWhilePaused() throws InterruptedException {
        synchronized (pauseLock) {
            if (!pauseRequested || isCancelled()) return;
        }
        setState(State.PAUSED);
        clock.pause();
        synchronized (pauseLock) {
            while (pauseRequested && !isCancelled()) pauseLock.wait();
        }
        clock.resume();
        if (!isCancelled()) setState(State.RUNNING);
    }

    private void setState(State s) {
        state = s;
        listener.stateChanged(s);
    }

    private record Timings(Double decodeMs, Double encodeMs, Double generateMs, Integer tokens, double totalMs) {}

    private static Timings timings(double decodeMs, Captioner.Caption c, long t0) {
        double total = (System.nanoTime() - t0) / 1e6;
        return c == null ? new Timings(decodeMs, null, null, null, total)
                : new Timings(decodeMs, c.encodeMs(), c.generateMs(), c.tokens(), total);
    }

    private CaptionRow row(Task task, String status, String caption, String error, String guard, Timings t) {
        CaptionSettings s = job.settings();
        return new CaptionRow(task.path().toString(), task.sha256(), task.size(), status, caption, error, guard, null,
                s.presetName(), s.prompt(), s.model(), s.settingsKey(), t == null ? null : t.tokens(),
                t == null ? null : t.decodeMs(), t == null ? null : t.encodeMs(), t == null ? null : t.generateMs(),
                t == null ? null : t.totalMs(), now());
    }

    private static String message(RuntimeException e) {
        return e instanceof TesseraException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The reason without the leading file name that error messages carry (the row names the file already). */
    static String reason(Path path, String message) {
        String prefix = path + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
