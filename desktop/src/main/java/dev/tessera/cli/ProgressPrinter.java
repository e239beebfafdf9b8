package dev.tessera.cli;

import dev.tessera.caption.BatchListener;
import dev.tessera.caption.BatchPlan;
import dev.tessera.caption.BatchProgress;
import dev.tessera.caption.BatchSummary;
import dev.tessera.engine.BadInputException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of {@code tessera caption} on stderr: on a terminal one redrawn line with a bar, count, rate and
 * time left; otherwise (a log file, CI) one plain line per image, which stays readable when captured.
 *
 * <p>The bar is a whole line (ending in a newline) that the next redraw erases with "cursor up, clear line",
 * not a carriage-return line without a newline: the launcher passes stderr through a line filter (to drop the
 * JVM's incubator notice), which would hold back a line that never ends.
 */
final class ProgressPrinter implements BatchListener {
    enum Style {
        BAR, LINES, NONE;

        static Style parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "auto" -> stderrIsTerminal() ? BAR : LINES;
                case "bar" -> BAR;
                case "lines" -> LINES;
                case "none" -> NONE;
                default -> throw new BadInputException("--progress " + s + ": use auto, bar, lines or none");
            };
        }
    }

    private static final int BAR_CELLS = 24;
    /** ANSI: cursor to the start of the previous line, then clear that line. */
    static final String ERASE_BAR = "\u001b[1A\r\u001b[2K";

    private final PrintStream err;
    private final Style style;
    private final int width;
    private boolean barShown;

    ProgressPrinter(PrintStream err, Style style) {
        this.err = err;
        this.style = style;
        this.width = terminalWidth();
    }

    @Override
    public void note(String message) {
        line(message);
    }

    @Override
    public void hashing(int done, int total) {
        if (style == Style.BAR && (done % 16 == 0 || done == total)) bar("checking images " + done + "/" + total);
        else if (style == Style.LINES && done == 1) line("checking " + total + " images...");
    }

    @Override
    public void planned(BatchPlan plan) {
        line(String.format(Locale.ROOT, "%d images: %d to caption, %d already done, %d identical to another, %d unreadable",
                plan.tasks().size(), plan.count(BatchPlan.Action.CAPTION), plan.count(BatchPlan.Action.SKIP),
                plan.count(BatchPlan.Action.COPY), plan.count(BatchPlan.Action.FAIL)));
    }

    @Override
    public void modelLoading() {
        if (style == Style.BAR) bar("loading the model...");
        else line("loading the model...");
    }

    @Override
    public void modelLoaded(double loadMs) {
        line(String.format(Locale.ROOT, "model loaded in %.1f s", loadMs / 1000));
    }

    @Override
    public void stateChanged(State state) {
        if (state == State.PAUSED || (state == State.CANCELLED)) line(state.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void imageStarted(Path path, BatchProgress p) {
        if (style == Style.BAR) bar(status(p) + "  " + path.getFileName());
    }

    @Override
    public void imageFinished(Outcome o, BatchProgress p) {
        if (style == Style.BAR) {
            if (o.kind() == Kind.FAILED || o.detail() != null && o.kind() != Kind.SKIPPED) {
                line(o.kind().name().toLowerCase(Locale.ROOT) + " " + o.path() + ": " + o.detail());
            }
            bar(status(p));
        } else if (style == Style.LINES && o.kind() != Kind.SKIPPED) {
            String what = o.kind().name().toLowerCase(Locale.ROOT) + " " + o.path()
                    + (o.detail() != null ? ": " + o.detail() : "");
            line(String.format(Locale.ROOT, "[%d/%d] %s  (%s)", p.processed(), p.total(), what, rate(p)));
        }
    }

    /** The end of a batch: printed in every style, {@code none} included (it silences progress, not results). */
    void summary(BatchSummary s) {
        BatchProgress p = s.progress();
        always(String.format(Locale.ROOT, "%s: %d captioned, %d copied from identical images, %d skipped (done before), "
                        + "%d failed, %d blocked%s", s.cancelled() ? "stopped" : "finished", p.captioned(), p.copied(),
                p.skipped(), p.failed(), p.blocked(),
                p.captioned() == 0 ? "" : String.format(Locale.ROOT, "; %.1f images/min over %s%s", p.imagesPerMinute(),
                        duration(Duration.ofMillis((long) (p.captionSeconds() * 1000))),
                        s.modelLoadMs() > 0 ? String.format(Locale.ROOT, " (+ %.1f s loading the model)", s.modelLoadMs() / 1000) : "")));
        if (!s.failures().isEmpty()) {
            always("failed:");
            s.failures().forEach(f -> always("  " + f.path() + ": " + f.reason()));
        }
        if (!s.failedBefore().isEmpty()) {
            always("failed in an earlier run, not retried (--retry-failed tries them again):");
            s.failedBefore().forEach(f -> always("  " + f.path() + ": " + f.reason()));
        }
        if (!s.sidecarProblems().isEmpty()) {
            always("captioned, but the sidecar was not written:");
            s.sidecarProblems().forEach(f -> always("  " + f.path() + ": " + f.reason()));
        }
        if (s.cancelled() && p.toCaption() > 0) always(p.toCaption() + " images not captioned yet: run again with --resume");
        always("results: " + s.results());
    }

    private static String status(BatchProgress p) {
        int filled = (int) Math.round(p.fraction() * BAR_CELLS);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_CELLS - filled) + "] " + p.processed() + "/" + p.total()
                + (p.failed() > 0 ? "  " + p.failed() + " failed" : "") + "  " + rate(p);
    }

    private static String rate(BatchProgress p) {
        if (p.imagesPerMinute() == 0) return "-- images/min";
        return String.format(Locale.ROOT, "%.1f images/min, ETA %s", p.imagesPerMinute(),
                p.eta() == null ? "--" : duration(p.eta()));
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60);
    }

    /** A line that stays (a message); on a terminal it replaces the bar, which is drawn again by the next event. */
    private void line(String text) {
        if (style != Style.NONE) always(text);
    }

    private void always(String text) {
        if (barShown) err.print(ERASE_BAR);
        barShown = false;
        err.println(text);
    }

    private void bar(String text) {
        // Cut to the width: a bar that wraps onto two lines would not be erased by one "cursor up".
        String t = text.length() >= width ? text.substring(0, width - 1) : text;
        err.print((barShown ? ERASE_BAR : "") + t + "\n");
        err.flush();
        barShown = true;
    }

    /**
     * Java has no isatty for stderr alone ({@code System.console()} looks at stdin and stdout); on Linux the
     * descriptor's link names the terminal device. The launcher's stderr filter makes that a pipe, so the
     * launcher says what it saw ({@code [ -t 2 ]}) in TESSERA_STDERR_TTY.
     */
    static boolean stderrIsTerminal() {
        String launcher = System.getenv("TESSERA_STDERR_TTY");
        if (launcher != null && !launcher.isEmpty()) return launcher.equals("1");
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null && System.console().isTerminal();
        }
    }

    private static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100"));
            return Math.max(40, columns);
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
