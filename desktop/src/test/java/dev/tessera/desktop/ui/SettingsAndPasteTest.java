package dev.tessera.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.attach.Attachment;
import dev.tessera.desktop.guard.GuardPolicy;
import dev.tessera.desktop.store.DataFolder;
import dev.tessera.desktop.support.Fx;
import dev.tessera.desktop.support.ScriptedChatEngine;
import dev.tessera.desktop.support.Screenshots;
import dev.tessera.desktop.support.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ChoiceBox;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Ctrl+V pastes a picture (saved beside the conversation); settings and the dark theme persist across a restart. */
@ExtendWith(ApplicationExtension.class)
class SettingsAndPasteTest {
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
    @SuppressWarnings("unchecked")
    void pastesAnImageAndKeepsSettings(FxRobot robot) {
        app = new TestApp(data, new ScriptedChatEngine()).show(stage);
        Fx.run(() -> {
            WritableImage img = new WritableImage(64, 48);
            for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) img.getPixelWriter().setColor(x, y, Color.hsb(x * 5, 0.7, 0.9));
            ClipboardContent c = new ClipboardContent();
            c.putImage(img);
            Clipboard.getSystemClipboard().setContent(c);
        });
        robot.clickOn("#input").press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
        Fx.await("pasted", () -> app.window.chat().attachments().size() == 1);
        Attachment pasted = Fx.call(() -> app.window.chat().attachments().getFirst());
        assertEquals(Attachment.Kind.PASTED, pasted.kind());
        assertTrue(pasted.imageFile().startsWith(new DataFolder(data).conversations()), "stored beside the conversation");
        assertTrue(Files.isRegularFile(pasted.imageFile()));
        assertEquals("", Fx.call(() -> app.window.chat().inputProperty().get()), "the picture is not pasted as text");

        // with the focus away from the input box (on a view's button), Ctrl+V still attaches, and shows the chat
        robot.clickOn("#nav-models");
        Fx.await("models shown", () -> app.window.currentView().get() == AppView.MODELS);
        robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
        Fx.await("pasted again", () -> app.window.chat().attachments().size() == 2);
        assertEquals(AppView.CHAT, Fx.call(() -> app.window.currentView().get()));

        robot.clickOn("#nav-settings");
        Fx.run(() -> {
            ((ChoiceBox<String>) robot.lookup("#theme").query()).setValue("dark");
            ((ChoiceBox<GuardPolicy>) robot.lookup("#guardPolicy").query()).setValue(GuardPolicy.INPUT);
            ((ChoiceBox<Integer>) robot.lookup("#tiles").query()).setValue(1);
        });
        assertTrue(Fx.call(() -> stage.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css"))));
        assertEquals(1, Fx.call(() -> app.window.chat().maxTilesProperty().get()), "the chat's detail switch follows");
        Screenshots.save(stage.getScene(), "06-settings-dark");

        app.services.close();
        Fx.run(stage::close);
        app = new TestApp(data, new ScriptedChatEngine()).show(stage);
        var s = Fx.call(() -> app.services.settings().get());
        assertEquals("dark", s.theme());
        assertEquals(GuardPolicy.INPUT, s.guardPolicy());
        assertEquals(1, s.maxTiles());
        assertTrue(Fx.call(() -> stage.getScene().getStylesheets().stream().anyMatch(x -> x.endsWith("dark.css"))));
    }
}
