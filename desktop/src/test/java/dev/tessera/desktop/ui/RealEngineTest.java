package dev.tessera.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.app.GuardProvider;
import dev.tessera.desktop.chat.MessageState;
import dev.tessera.desktop.engine.EngineReply;
import dev.tessera.desktop.engine.VlmChatEngine;
import dev.tessera.desktop.store.Settings;
import dev.tessera.desktop.support.Fx;
import dev.tessera.desktop.support.PacedEngine;
import dev.tessera.desktop.support.TestApp;
import dev.tessera.engine.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window on the REAL engine with ../shared/fixtures/tiny-mllama (random weights, so the words are nonsense):
 * drop an image, ask, tokens stream in, Esc stops the engine, a follow-up hits the image cache, and a restart finds
 * the conversation. Skipped with the reason when the fixtures are absent; fails instead when CI is set.
 */
@ExtendWith(ApplicationExtension.class)
class RealEngineTest {
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

    private void maxTokens(int n) {
        Fx.run(() -> app.services.settings().update(s -> new Settings(1, 1, 0, 1, n, s.model(), null, s.guardPolicy(), s.theme())));
    }

    @Test
    void asksStreamsStopsFollowsUpAndRestarts(FxRobot robot) throws Exception {
        Path model = Fixtures.tinyMllama();
        PacedEngine engine = new PacedEngine(new VlmChatEngine(), 5); // holds after 5 pieces until Stop
        app = new TestApp(data, engine, GuardProvider.DEFAULT, 64L << 30).show(stage);
        Fx.done(() -> app.services.engine().load(model));
        Fx.await("model loaded", () -> app.services.engine().model() != null);
        var chat = app.window.chat();
        maxTokens(300);

        Fx.done(() -> app.window.dropFiles(List.of(TestApp.sample("receipt.png").toFile())));
        Fx.await("attached", () -> chat.attachments().size() == 1);
        robot.clickOn("#input").write("What is the total?").type(KeyCode.ENTER);
        Fx.await("tokens streaming", () -> engine.pieces.get() >= 5 && !chat.messages().getLast().text().isEmpty());
        assertEquals(MessageState.STREAMING, Fx.call(() -> chat.messages().getLast().state()));
        robot.type(KeyCode.ESCAPE);
        Fx.await("stopped", () -> chat.messages().getLast().state() == MessageState.STOPPED);
        EngineReply stopped = engine.replies.getFirst();
        assertEquals(EngineReply.Finish.STOPPED, stopped.finish());
        assertTrue(stopped.generatedTokens() < 300, "stopped before the budget: " + stopped.generatedTokens());
        assertTrue(stopped.imageEncodeMs() > 0 && !stopped.imageCacheHit());

        engine.holdAt(0);
        maxTokens(6);
        Fx.run(() -> {
            chat.inputProperty().set("And the date?");
            chat.send();
        });
        Fx.await("follow-up answered", () -> chat.messages().size() == 4 && chat.messages().getLast().state() != MessageState.STREAMING);
        EngineReply followUp = engine.replies.getLast();
        assertTrue(followUp.imageCacheHit(), "the follow-up reuses the encoded image");
        assertEquals(0.0, followUp.imageEncodeMs());
        assertTrue(Fx.call(() -> chat.statusLineProperty().get()).contains("image from cache"));

        String id = Fx.call(chat::conversationId);
        app.services.close();
        Fx.run(stage::close);
        app = new TestApp(data, new PacedEngine(new VlmChatEngine(), 0)).show(stage);
        Fx.await("listed after restart", () -> app.window.conversations().items().size() == 1);
        assertEquals(id, Fx.call(() -> app.window.conversations().items().getFirst().id()));
        Fx.done(() -> app.window.chat().open(id));
        Fx.await("reopened", () -> app.window.chat().messages().size() == 4);
        assertEquals(MessageState.STOPPED, Fx.call(() -> app.window.chat().messages().get(1).state()));
        assertFalse(Fx.call(() -> app.window.chat().messages().get(1).text()).isEmpty());
    }
}
