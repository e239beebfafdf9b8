package dev.tessera.caption;

import dev.tessera.caption.BatchListener.Kind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts and speed of a batch. The rate counts only images that went through the model, over the time since
 * the first of them started, without pauses and without loading the model: skipped and copied images take
 * no time and would make the time left look shorter than it is.
 */
final class ProgressClock {
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private int total, toCaption, throughModel;
    private long accumulatedNanos, runningSince;
    private boolean running, pausedWhileRunning;

    synchronized void start(BatchPlan plan) {
        total = plan.tasks().size();
        toCaption = plan.count(BatchPlan.Action.CAPTION);
    }

    /** An image that needs the model begins: the clock runs from the first one on. */
    synchronized void imageStarted() {
        if (!running) {
            running = true;
            runningSince = System.nanoTime();
        }
    }

    synchronized void count(Kind kind, boolean viaModel) {
        counts.merge(kind, 1, Integer::sum);
        if (viaModel) {
            toCaption--;
            throughModel++;
        }
    }

    synchronized void pause() {
        pausedWhileRunning = running;
        if (running) accumulatedNanos += System.nanoTime() - runningSince;
        running = false;
    }

    synchronized void resume() {
        if (pausedWhileRunning) imageStarted();
    }

    synchronized BatchProgress snapshot() {
        double seconds = (accumulatedNanos + (running ? System.nanoTime() - runningSince : 0)) / 1e9;
        double perMinute = throughModel == 0 || seconds <= 0 ? 0 : throughModel / (seconds / 60);
        Duration eta = perMinute == 0 ? null : Duration.ofMillis((long) (toCaption / perMinute * 60_000));
        return new BatchProgress(total, n(Kind.CAPTIONED), n(Kind.COPIED), n(Kind.SKIPPED), n(Kind.FAILED),
                n(Kind.BLOCKED), toCaption, seconds, perMinute, eta);
    }

    private int n(Kind k) {
        return counts.getOrDefault(k, 0);
    }
}
