package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.caption.BatchListener.Kind;
import dev.tessera.caption.BatchListener.Outcome;
import dev.tessera.caption.BatchProgress;
import dev.tessera.caption.BatchSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code tessera caption} shows while it works: a redrawn bar on a terminal, plain lines in a log. */
class ProgressPrinterTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    // 1 of 4 done, 30 s for it: 2 images a minute, 3 left = 1m30s.
    static final BatchProgress ONE_OF_FOUR = new BatchProgress(4, 1, 0, 0, 0, 0, 3, 30, 2.0, Duration.ofSeconds(90));

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalOneLineIsRedrawnWithBarCountRateAndTimeLeft() {
        ProgressPrinter p = new ProgressPrinter(err, ProgressPrinter.Style.BAR);
        p.imageStarted(Path.of("/photos/IMG_0002.jpg"), ONE_OF_FOUR);
        assertEquals("[######..................] 1/4  2.0 images/min, ETA 1m30s  IMG_0002.jpg\n", text());

        bytes.reset();
        BatchProgress failed = new BatchProgress(4, 1, 0, 0, 1, 0, 2, 31, 1.9, Duration.ofSeconds(63));
        p.imageFinished(new Outcome(Path.of("/photos/IMG_0002.jpg"), Kind.FAILED, null, "truncated JPEG file"), failed);
        // The bar is erased, the failure stays as a line of its own, and the bar is drawn again below it.
        assertEquals(ProgressPrinter.ERASE_BAR + "failed /photos/IMG_0002.jpg: truncated JPEG file\n"
                + "[############............] 2/4  1 failed  1.9 images/min, ETA 1m03s\n", text());

        bytes.reset();
        p.imageStarted(Path.of("/photos/IMG_0003.jpg"), failed);
        assertEquals(ProgressPrinter.ERASE_BAR + "[############............] 2/4  1 failed  1.9 images/min, ETA 1m03s  IMG_0003.jpg\n",
                text(), "redrawn in place");
    }

    @Test
    void inALogEachImageIsOneLineAndTheSummaryNamesTheFailures() {
        ProgressPrinter p = new ProgressPrinter(err, ProgressPrinter.Style.LINES);
        p.imageStarted(Path.of("/photos/IMG_0001.jpg"), ONE_OF_FOUR);
        assertEquals("", text(), "no bar in a log");
        p.imageFinished(new Outcome(Path.of("/photos/IMG_0001.jpg"), Kind.CAPTIONED, null, null), ONE_OF_FOUR);
        assertEquals("[1/4] captioned /photos/IMG_0001.jpg  (2.0 images/min, ETA 1m30s)\n", text());

        bytes.reset();
        BatchProgress end = new BatchProgress(4, 2, 1, 0, 1, 0, 0, 60, 2.0, Duration.ZERO);
        p.summary(new BatchSummary(end, List.of(new BatchSummary.Failure(Path.of("/photos/x.svg"), "unsupported image format (SVG)")),
                List.of(), List.of(), false, 2500, Path.of("/out/captions.jsonl")));
        assertEquals("""
                finished: 2 captioned, 1 copied from identical images, 0 skipped (done before), 1 failed, 0 blocked; \
                2.0 images/min over 1m00s (+ 2.5 s loading the model)
                failed:
                  /photos/x.svg: unsupported image format (SVG)
                results: /out/captions.jsonl
                """, text());
    }

    @Test
    void withProgressNoneOnlyTheSummaryPrints() {
        ProgressPrinter p = new ProgressPrinter(err, ProgressPrinter.Style.NONE);
        p.note("repaired captions.jsonl");
        p.imageFinished(new Outcome(Path.of("/photos/IMG_0001.jpg"), Kind.CAPTIONED, null, null), ONE_OF_FOUR);
        assertEquals("", text());
        p.summary(new BatchSummary(ONE_OF_FOUR, List.of(), List.of(), List.of(), true, 0, Path.of("/out/c.jsonl")));
        assertEquals("""
                stopped: 1 captioned, 0 copied from identical images, 0 skipped (done before), 0 failed, 0 blocked; \
                2.0 images/min over 30s
                3 images not captioned yet: run again with --resume
                results: /out/c.jsonl
                """, text());
    }
}
