package dev.tessera.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.generate.GenerationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch engine with a fake model: resume rules, duplicates, pause / resume / cancel, the guard hook. */
class CaptionBatchTest {
    @TempDir
    Path tmp;

    static final CaptionSettings SETTINGS = new CaptionSettings("fake@0", Preset.SHORT.prompt(), Preset.SHORT, 1,
            GenerationOptions.greedy(4, new int[] {1}), null);

    Path photos, out;
    FakeCaptioner fake = new FakeCaptioner();
    AtomicInteger modelLoads = new AtomicInteger();

    void photos(int n) throws Exception {
        photos = tmp.resolve("photos");
        out = tmp.resolve("captions.jsonl");
        for (int i = 1; i <= n; i++) TestImages.write(photos.resolve(String.format("IMG_%04d.png", i)), "png", 16, 12, i);
    }

    CaptionBatch batch(ResultLog.Mode mode, ImageCheck check, BatchListener listener) {
        CaptionJob job = new CaptionJob(List.of(photos), true, SETTINGS, out, mode, Sidecar.NONE, false);
        return new CaptionBatch(job, () -> {
            modelLoads.incrementAndGet();
            return fake;
        }, check, listener);
    }

    BatchSummary run(ResultLog.Mode mode) {
        return batch(mode, null, null).run();
    }

    List<CaptionRow> rows() {
        try (ResultLog log = ResultLog.open(out, ResultLog.Mode.RESUME)) {
            return log.previousRows();
        }
    }

    static Map<String, CaptionRow> byName(List<CaptionRow> rows) {
        return rows.stream().collect(Collectors.toMap(r -> Path.of(r.path()).getFileName().toString(), Function.identity(), (older, newer) -> newer));
    }

    @Test
    void resumeSkipsDoneImagesCopiesRenamedOnesAndRedoesEditedOnes() throws Exception {
        photos(3);
        BatchSummary first = run(ResultLog.Mode.NEW);
        assertEquals(3, first.progress().captioned());
        assertTrue(fake.closed, "the batch closes its captioner");

        BatchSummary again = run(ResultLog.Mode.RESUME);
        assertEquals(3, again.progress().skipped());
        assertEquals(1, modelLoads.get(), "nothing to caption: the model is not even loaded");

        Files.move(photos.resolve("IMG_0002.png"), photos.resolve("renamed.png"));
        TestImages.write(photos.resolve("IMG_0003.png"), "png", 16, 12, 99); // edited
        fake.captioned.clear();
        BatchSummary third = run(ResultLog.Mode.RESUME);
        assertEquals(1, third.progress().copied());
        assertEquals(1, third.progress().captioned());
        assertEquals(List.of(photos.resolve("IMG_0003.png")), fake.captioned);

        List<CaptionRow> rows = rows();
        assertEquals(5, rows.size()); // 3 + the renamed copy + the edited image's new row
        CaptionRow renamed = byName(rows).get("renamed.png");
        assertEquals(photos.resolve("IMG_0002.png").toString(), renamed.sameContentAs());
        assertEquals("caption of IMG_0002.png (16x12)", renamed.caption());
    }

    @Test
    void duplicatesAreCaptionedOnceAndEachPathGetsARow() throws Exception {
        photos(2);
        Files.createDirectories(photos.resolve("sub"));
        Files.copy(photos.resolve("IMG_0001.png"), photos.resolve("sub/copy.png"));
        run(ResultLog.Mode.NEW);
        assertEquals(2, fake.captioned.size());
        Map<String, CaptionRow> rows = byName(rows());
        assertEquals(3, rows.size());
        assertEquals(rows.get("IMG_0001.png").caption(), rows.get("copy.png").caption());
        assertEquals(photos.resolve("IMG_0001.png").toString(), rows.get("copy.png").sameContentAs());
        assertNull(rows.get("IMG_0001.png").sameContentAs());
    }

    @Test
    void pauseHoldsBetweenImagesResumeContinuesCancelStopsAtOnce() throws Exception {
        photos(5);
        List<String> events = new CopyOnWriteArrayList<>();
        CaptionBatch[] b = new CaptionBatch[1];
        b[0] = batch(ResultLog.Mode.NEW, null, new BatchListener() {
            @Override
            public void stateChanged(State s) {
                events.add(s.name());
            }

            @Override
            public void imageFinished(Outcome o, BatchProgress p) {
                events.add("done " + o.path().getFileName());
                if (p.processed() == 1) b[0].pause();
            }
        });
        fake.before = p -> {
            if (p.getFileName().toString().equals("IMG_0003.png")) b[0].cancel(); // the stop button, mid-image
        };
        CompletableFuture<BatchSummary> running = CompletableFuture.supplyAsync(b[0]::run);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (b[0].state() != BatchListener.State.PAUSED && System.nanoTime() < deadline) Thread.sleep(5);
        assertEquals(BatchListener.State.PAUSED, b[0].state());
        Thread.sleep(100);
        assertEquals(1, fake.captioned.size(), "nothing happens while paused");
        b[0].resume();
        BatchSummary s = running.get(10, TimeUnit.SECONDS);

        assertTrue(s.cancelled());
        assertEquals(BatchListener.State.CANCELLED, b[0].state());
        assertEquals(List.of("PLANNING", "RUNNING", "done IMG_0001.png", "PAUSED", "RUNNING", "done IMG_0002.png",
                "CANCELLED"), events);
        assertEquals(2, rows().size(), "the cancelled image gets no row");
        assertEquals(3, s.progress().toCaption());

        fake.before = p -> {};
        BatchSummary rest = run(ResultLog.Mode.RESUME);
        assertEquals(3, rest.progress().captioned());
        assertEquals(2, rest.progress().skipped());
        assertEquals(5, rows().stream().map(CaptionRow::path).distinct().count());
        assertEquals(5, rows().size());
    }

    @Test
    void theGuardHookRecordsVerdictsAndBlocksImages() throws Exception {
        photos(2);
        ImageCheck guard = (file, image, cancel) -> file.getFileName().toString().equals("IMG_0002.png")
                ? new ImageCheck.Verdict(false, "unsafe S10") : new ImageCheck.Verdict(true, "safe");
        BatchSummary s = batch(ResultLog.Mode.NEW, guard, null).run();
        assertEquals(1, s.progress().blocked());
        Map<String, CaptionRow> rows = byName(rows());
        assertEquals("safe", rows.get("IMG_0001.png").guard());
        CaptionRow blocked = rows.get("IMG_0002.png");
        assertEquals(CaptionRow.BLOCKED, blocked.status());
        assertEquals("unsafe S10", blocked.guard());
        assertNull(blocked.caption());
        assertFalse(fake.captioned.contains(photos.resolve("IMG_0002.png")));
    }

    @Test
    void aGuardThatFailsFailsThatImageOnlyAndNeverLetsItThroughUnchecked() throws Exception {
        photos(3);
        ImageCheck guard = (file, image, cancel) -> {
            if (file.getFileName().toString().equals("IMG_0002.png")) throw new IllegalStateException("guard engine crashed");
            return new ImageCheck.Verdict(true, "safe");
        };
        BatchSummary s = batch(ResultLog.Mode.NEW, guard, null).run();
        assertEquals(2, s.progress().captioned());
        assertEquals(1, s.failures().size());
        assertFalse(s.complete());
        CaptionRow failed = byName(rows()).get("IMG_0002.png");
        assertEquals(CaptionRow.FAILED, failed.status());
        assertEquals("the guard could not check it: IllegalStateException: guard engine crashed", failed.error());
        assertNull(failed.caption());
        assertFalse(fake.captioned.contains(photos.resolve("IMG_0002.png")), "not captioned without a verdict");
        assertEquals("safe", byName(rows()).get("IMG_0003.png").guard(), "the batch went on after the failure");
    }

    @Test
    void twoImagesSharingABaseNameDoNotOverwriteEachOthersSidecar() throws Exception {
        photos = tmp.resolve("photos");
        out = tmp.resolve("captions.jsonl");
        TestImages.write(photos.resolve("IMG_0001.jpg"), "jpg", 16, 12, 1);
        TestImages.write(photos.resolve("IMG_0001.png"), "png", 16, 12, 2);
        CaptionJob job = new CaptionJob(List.of(photos), false, SETTINGS, out, ResultLog.Mode.NEW,
                new XmpSidecar(XmpSidecar.Naming.BASE), false);
        BatchSummary s = new CaptionBatch(job, () -> fake, null, null).run();
        assertEquals(2, s.progress().captioned(), "both are captioned; only the second sidecar is refused");
        assertEquals(1, s.sidecarProblems().size());
        assertTrue(s.sidecarProblems().getFirst().reason().contains("IMG_0001.xmp already holds the caption of IMG_0001.jpg"),
                s.sidecarProblems().toString());
        String xmp = Files.readString(photos.resolve("IMG_0001.xmp"));
        assertTrue(xmp.contains(byName(rows()).get("IMG_0001.jpg").caption()), xmp);
        assertFalse(xmp.contains(byName(rows()).get("IMG_0001.png").caption()), xmp);
    }

    @Test
    void preparationRunsOnThePrefetchThreadAndReachesTheCaptioner() throws Exception {
        photos(3);
        List<String> prepareThreads = new CopyOnWriteArrayList<>();
        Captioner preparing = new Captioner() {
            @Override
            public Object prepare(dev.tessera.vision.image.DecodedImage image) {
                prepareThreads.add(Thread.currentThread().getName());
                return "tiles of " + image.width() + "x" + image.height();
            }

            @Override
            public Caption caption(Path file, String sha256, dev.tessera.vision.image.DecodedImage image, Object prepared,
                                   dev.tessera.engine.generate.Cancellation cancel) {
                return new Caption(file.getFileName() + " from " + prepared, 1, 1, 1);
            }

            @Override
            public Caption caption(Path file, String sha256, dev.tessera.vision.image.DecodedImage image,
                                   dev.tessera.engine.generate.Cancellation cancel) {
                throw new AssertionError("the prepared picture must be passed on");
            }
        };
        CaptionJob job = new CaptionJob(List.of(photos), true, SETTINGS, out, ResultLog.Mode.NEW, Sidecar.NONE, false);
        assertTrue(new CaptionBatch(job, () -> preparing, null, null).run().complete());
        assertEquals("IMG_0002.png from tiles of 16x12", byName(rows()).get("IMG_0002.png").caption());
        assertEquals(List.of("tessera-caption-prefetch"), prepareThreads.stream().distinct().toList());
        assertEquals(3, prepareThreads.size(), "each image prepared once");
    }
}
