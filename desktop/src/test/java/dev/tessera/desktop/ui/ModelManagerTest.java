package dev.tessera.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.app.GuardProvider;
import dev.tessera.desktop.chat.MessageState;
import dev.tessera.desktop.engine.DemoModel;
import dev.tessera.desktop.engine.VlmChatEngine;
import dev.tessera.desktop.store.DataFolder;
import dev.tessera.desktop.support.Fx;
import dev.tessera.desktop.support.Screenshots;
import dev.tessera.desktop.support.TestApp;
import dev.tessera.engine.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The first run: no model, the explanation and the demo model button; and the "will not fit" warning. */
@ExtendWith(ApplicationExtension.class)
class ModelManagerTest {
    @TempDir
    Path data;
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

    @Test
    void firstRunWritesLoadsAndLabelsTheDemoModel(FxRobot robot) {
        Fixtures.tinyMllama(); // the demo model copies its tokenizer; skip or fail as the fixtures say
        app = new TestApp(data, new VlmChatEngine(), GuardProvider.DEFAULT, 64L << 30).show(stage);
        Fx.await("first-run card", () -> robot.lookup("#firstRun").query().isVisible());
        Screenshots.save(stage.getScene(), "00-first-run");

        long clicked = System.nanoTime();
        robot.clickOn("#demoButton");
        Fx.await("demo model loaded", () -> app.services.engine().model() != null);
        Path dir = DemoModel.folderIn(new DataFolder(data).models());
        assertTrue(Files.isRegularFile(dir.resolve(DemoModel.MARKER)));
        assertTrue(Files.isRegularFile(dir.resolve("tokenizer.json")));
        assertTrue(Fx.call(() -> app.services.engine().model().demo()));
        assertEquals(dir.toString(), Fx.call(() -> app.services.settings().get().model()), "remembered for the next start");
        Fx.await("labelled", () -> robot.lookup("#modelLabel").queryAs(Label.class).getText().contains("random weights"));
        assertTrue(Fx.call(() -> robot.lookup("#demoBanner").query().isVisible()));
        assertTrue(Fx.call(() -> !robot.lookup("#firstRun").query().isVisible()));

        // the demo model answers (nonsense), and every answer says whose it is
        var chat = app.window.chat();
        Fx.run(() -> app.services.settings().update(s -> new dev.tessera.desktop.store.Settings(1, 1, 0, 1, 24, s.model(),
                null, s.guardPolicy(), s.theme())));
        Fx.done(() -> app.window.dropFiles(List.of(TestApp.sample("lake-scene.png").toFile())));
        Fx.await("attached", () -> chat.attachments().size() == 1);
        Fx.run(() -> {
            chat.inputProperty().set("Describe this picture.");
            chat.send();
        });
        Fx.await("answered", () -> chat.messages().size() == 2 && chat.messages().getLast().state() != MessageState.STREAMING);
        assertTrue(Fx.call(() -> chat.messages().getLast().state().isContext()), "answered: " + Fx.call(() -> chat.messages().getLast().text()));
        assertTrue(Fx.call(() -> robot.lookup(".message-assistant .message-role").queryAs(Label.class).getText())
                .contains("demo model (random weights)"));
        // the promise: from the first-run button to a (nonsense) answer in under a minute on any machine
        double seconds = (System.nanoTime() - clicked) / 1e9;
        System.out.printf("demo model: written, loaded and answered in %.1f s%n", seconds);
        assertTrue(seconds < 60, "demo model to first answer took " + seconds + " s");
        Screenshots.save(stage.getScene(), "07-demo-answer");
    }

    @Test
    void warnsWhenTheModelWillNotFit(FxRobot robot) {
        Path tokenizer = Fixtures.tinyMllama();
        DemoModel.write(DemoModel.folderIn(new DataFolder(data).models()), List.of(tokenizer), p -> {});
        app = new TestApp(data, new VlmChatEngine(), GuardProvider.DEFAULT, 256L << 20).show(stage);
        robot.clickOn("#nav-models");
        Fx.await("demo model listed", () -> app.window.models().candidates().size() == 1);
        robot.clickOn("#modelList .list-cell");
        Fx.await("inspected", () -> app.window.models().summaryProperty().get() != null);
        var summary = Fx.call(() -> app.window.models().summaryProperty().get());
        assertTrue(summary.architecture().startsWith("mllama"), summary.architecture());
        assertTrue(summary.bytesNeeded() > 256L << 20);
        Label warning = robot.lookup("#fitWarning").queryAs(Label.class);
        assertTrue(Fx.call(warning::isVisible));
        assertTrue(Fx.call(warning::getText).startsWith("Will not fit"), Fx.call(warning::getText));
        assertEquals("Load anyway", Fx.call(() -> robot.lookup("#loadModel").queryAs(Button.class).getText()));
        Screenshots.save(stage.getScene(), "05-model-manager");
    }
}
