package dev.tessera.desktop.batch;

import dev.tessera.caption.BatchListener.Outcome;
import dev.tessera.caption.BatchProgress;
import dev.tessera.caption.BatchSummary;
import java.time.Duration;
import java.util.Locale;

/** The words the caption view shows for counts, outcomes and the summary. */
final class BatchText {
    private BatchText() {}

    /** "3 of 12 images · 4.2 images/min · about 2 min left". */
    static String count(BatchProgress p) {
        StringBuilder s = new StringBuilder(p.processed() + " of " + p.total() + " images");
        if (p.imagesPerMinute() > 0) s.append(String.format(Locale.ROOT, " · %.1f images/min", p.imagesPerMinute()));
        if (p.eta() != null && p.toCaption() > 0) s.append(" · about ").append(duration(p.eta())).append(" left");
        return s.toString();
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /** Longest caption text a list line shows (the results file has it whole). */
    static final int LINE_CHARS = 240;

    /** One line per image: "IMG_1.jpg: caption", line breaks flattened, long captions cut with an ellipsis. */
    static String outcome(Outcome o) {
        String line = outcomeText(o).replaceAll("\\s+", " ").strip();
        return line.length() <= LINE_CHARS ? line : line.substring(0, LINE_CHARS - 1) + "…";
    }

    private static String outcomeText(Outcome o) {
        String name = String.valueOf(o.path().getFileName());
        return switch (o.kind()) {
            case CAPTIONED, COPIED -> name + ": " + (o.row() == null || o.row().caption() == null ? "" : o.row().caption().strip())
                    + (o.detail() == null ? "" : "  (" + o.detail() + ")");
            case BLOCKED -> name + ": blocked by the guard (" + (o.row() == null ? "" : o.row().guard()) + ")";
            case FAILED -> name + ": " + o.detail();
            case SKIPPED -> name + ": skipped, " + o.detail();
        };
    }

    static String summary(BatchSummary s) {
        BatchProgress p = s.progress();
        StringBuilder b = new StringBuilder(s.cancelled() ? "Cancelled. " : "Finished. ");
        b.append(p.captioned()).append(" captioned");
        if (p.copied() > 0) b.append(", ").append(p.copied()).append(" duplicates copied");
        if (p.skipped() > 0) b.append(", ").append(p.skipped()).append(" already done");
        if (p.blocked() > 0) b.append(", ").append(p.blocked()).append(" blocked");
        b.append(", ").append(p.failed()).append(" failed, of ").append(p.total()).append(" images");
        if (p.imagesPerMinute() > 0) b.append(String.format(Locale.ROOT, " (%.1f images/min)", p.imagesPerMinute()));
        b.append(". Results: ").append(s.results());
        if (!s.sidecarProblems().isEmpty()) b.append(". ").append(s.sidecarProblems().size()).append(" sidecars not written");
        if (s.cancelled()) b.append(". Start again (or restart the app) to continue where it stopped");
        return b.append('.').toString();
    }
}
