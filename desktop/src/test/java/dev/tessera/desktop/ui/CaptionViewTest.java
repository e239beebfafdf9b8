package dev.tessera.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.desktop.app.GuardProvider;
import dev.tessera.desktop.batch.CaptionViewModel;
import dev.tessera.desktop.batch.CaptionViewModel.Phase;
import dev.tessera.desktop.engine.VlmCaptionEngine;
import dev.tessera.desktop.support.Fx;
import dev.tessera.desktop.support.GatedCaptioner;
import dev.tessera.desktop.support.ScriptedChatEngine;
import dev.tessera.desktop.support.Screenshots;
import dev.tessera.desktop.support.TestApp;
import dev.tessera.engine.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Caption a folder" end to end on the REAL caption engine with ../shared/fixtures/tiny-mllama (random weights: the
 * captions are nonsense, their bookkeeping is not): start, pause, resume, cancel, close the app mid-batch, accept the
 * offer to resume at the next start, finish, read the summary; the results file has exactly one row per image, the
 * corrupt file is a failure with its reason, sidecars exist and the photos' bytes are unchanged. A gate in front of
 * the model holds a chosen image, so every button is pressed while an image is known to be in progress.
 */
@ExtendWith(ApplicationExtension.class)
class CaptionViewTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PHOTOS = 6;

    @TempDir
    Path tmp;
    Stage stage;
    TestApp app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (app != null) app.services.close();
    }

    private TestApp open(Path data, GatedCaptioner.Gate gate) {
        return new TestApp(data, new ScriptedChatEngine(), new VlmCaptionEngine(c -> new GatedCaptioner(c, gate)),
                GuardProvider.DEFAULT, 64L << 30).show(stage);
    }

    @Test
    void startPauseResumeCancelThenResumeAtNextStartAndFinish(FxRobot robot) throws Exception {
        Path model = Fixtures.tinyMllama();
        Path photos = tmp.resolve("photos");
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < PHOTOS; i++) images.add(photo(photos.resolve("IMG_" + i + (i % 2 == 0 ? ".png" : ".jpg")), i));
        Path broken = Files.write(photos.resolve("zz-broken.jpg"), "not a JPEG at all".getBytes());
        Map<Path, byte[]> before = new LinkedHashMap<>();
        for (Path p : images) before.put(p, Files.readAllBytes(p));
        before.put(broken, Files.readAllBytes(broken));
        Path data = tmp.resolve("data");

        GatedCaptioner.Gate gate = new GatedCaptioner.Gate(2);
        app = open(data, gate);
        Fx.run(() -> app.services.settings().update(s -> s.withModel(model.toString())));
        robot.push(KeyCode.CONTROL, KeyCode.B);
        Fx.await("caption view shown by Ctrl+B", () -> app.window.currentView().get() == AppView.CAPTION);
        CaptionViewModel vm = app.window.captions();

        app.dialogs.files.add(photos);
        robot.clickOn("#addFolder");
        Fx.await("folder added", () -> vm.folders().size() == 1);
        Path results = tmp.resolve("photos-captions.jsonl");
        assertEquals(results.toString(), Fx.call(() -> robot.lookup("#captionOut").queryAs(TextField.class).getText()),
                "results go beside the folder, not into it");
        Fx.run(() -> vm.sidecarProperty().set("txt"));

        robot.clickOn("#startBatch");
        Fx.await("image 3 held at the gate", () -> gate.waiting() == 3);
        Fx.await("two captions shown", () -> vm.recent().size() == 2);
        assertEquals(2, rows(results).size());
        robot.clickOn("#pauseBatch");
        gate.allow(3); // the image in progress finishes, then the batch waits
        Fx.await("paused", () -> vm.phaseProperty().get() == Phase.PAUSED);
        assertEquals(3, rows(results).size(), "the image in progress was finished and saved");
        assertEquals(3, gate.started.get(), "no image started while paused");
        assertTrue(Fx.call(() -> robot.lookup("#batchCount").queryAs(Label.class).getText()).startsWith("3 of 7 images"));
        assertNotNull(Fx.call(() -> robot.lookup("#currentThumb").queryAs(ImageView.class).getImage()), "thumbnail shown");
        Screenshots.save(stage.getScene(), "08-caption-folder-paused");

        gate.allow(4);
        robot.clickOn("#resumeBatch");
        Fx.await("image 5 held at the gate", () -> gate.waiting() == 5);
        robot.clickOn("#cancelBatch");
        Fx.await("cancelled", () -> vm.phaseProperty().get() == Phase.CANCELLED);
        assertEquals(4, rows(results).size(), "the image in progress is dropped, not half-saved");
        assertTrue(Fx.call(() -> vm.summaryProperty().get()).startsWith("Cancelled. 4 captioned"));
        assertTrue(Files.exists(vm.pendingStore().file()), "an unfinished batch is remembered");

        // closing the app mid-batch and starting it again: the offer to resume, accepted
        app.services.close();
        Fx.run(stage::close);
        gate.allow(Integer.MAX_VALUE);
        app = open(data, gate);
        CaptionViewModel vm2 = app.window.captions();
        Fx.await("finished after resuming", () -> vm2.phaseProperty().get() == Phase.FINISHED);
        assertEquals(1, app.dialogs.confirmations.size());
        assertTrue(app.dialogs.confirmations.getFirst().contains("4 of 7 images"), app.dialogs.confirmations.getFirst());
        assertEquals(AppView.CAPTION, Fx.call(() -> app.window.currentView().get()));
        String summary = Fx.call(() -> robot.lookup("#batchSummary").queryAs(Label.class).getText());
        assertTrue(summary.startsWith("Finished. 2 captioned, 4 already done, 1 failed, of 7 images"), summary);
        assertEquals(1, Fx.call(() -> vm2.failures().size()));
        assertTrue(Fx.call(() -> vm2.failures().getFirst()).startsWith("zz-broken.jpg: "), Fx.call(() -> vm2.failures().getFirst()));

        assertTrue(Fx.call(() -> vm2.recent().stream().noneMatch(l -> l.text().contains("\n"))), "one line per caption in the list");
        assertTrue(Fx.call(() -> vm2.recent().stream().allMatch(l -> l.image() != null && images.contains(l.image()))),
                "each recent caption names its photo (shown as a thumbnail)");
        List<JsonNode> all = rows(results);
        assertEquals(PHOTOS + 1, all.size(), "one row per image");
        Set<String> paths = new HashSet<>();
        for (JsonNode r : all) paths.add(r.get("path").asText());
        assertEquals(PHOTOS + 1, paths.size(), "no image twice");
        for (JsonNode r : all) {
            boolean isBroken = r.get("path").asText().endsWith("zz-broken.jpg");
            assertEquals(isBroken ? "failed" : "done", r.get("status").asText(), r.toString());
            if (!isBroken) assertFalse(r.get("caption").asText().isEmpty(), r.toString());
        }
        for (Path p : images) assertTrue(Files.isRegularFile(p.resolveSibling(p.getFileName().toString().replaceFirst("\\.\\w+$", ".txt"))),
                "sidecar of " + p);
        for (var e : before.entrySet()) assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), "unchanged: " + e.getKey());
        robot.clickOn("#openResults");
        Fx.await("results opened", () -> app.dialogs.opened.equals(List.of(results)));
        Fx.await("batch record removed", () -> !Files.exists(vm2.pendingStore().file()));
        Screenshots.save(stage.getScene(), "09-caption-folder-finished");
    }

    private static List<JsonNode> rows(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file)) if (!line.isBlank()) out.add(JSON.readTree(line));
        return out;
    }

    private static Path photo(Path file, long seed) throws IOException {
        BufferedImage img = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < 60; y++) for (int x = 0; x < 80; x++) img.setRGB(x, y, r.nextInt(0x1000000));
        Files.createDirectories(file.getParent());
        String format = file.toString().endsWith(".png") ? "png" : "jpg";
        if (!ImageIO.write(img, format, file.toFile())) throw new IOException("no writer for " + format);
        return file;
    }
}
