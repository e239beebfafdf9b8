package dev.tessera.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.chat.MessageState;
import dev.tessera.desktop.guard.GuardPolicy;
import dev.tessera.desktop.guard.GuardStatus;
import dev.tessera.desktop.store.Settings;
import dev.tessera.desktop.support.Fx;
import dev.tessera.desktop.support.ScriptedChatEngine;
import dev.tessera.desktop.support.Screenshots;
import dev.tessera.desktop.support.StandInGuard;
import dev.tessera.desktop.support.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Every guard state rendered on its exchange, with a stand-in classifier. */
@ExtendWith(ApplicationExtension.class)
class GuardStatesTest {
    @TempDir
    Path data;
    Stage stage;
    TestApp app;
    final ScriptedChatEngine engine = new ScriptedChatEngine().answering(r ->
            r.question().text().startsWith("Who") ? "Her home address is 12 Quay Street." : "A bar chart of rainfall by month.");

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (app != null) app.services.close();
    }

    private void ask(String question) {
        int before = Fx.call(() -> app.window.chat().messages().size());
        Fx.run(() -> {
            app.window.chat().inputProperty().set(question);
            app.window.chat().send();
        });
        Fx.await("answered: " + question, () -> app.window.chat().messages().size() == before + 2
                && app.window.chat().messages().getLast().state() != MessageState.STREAMING);
    }

    private void policy(GuardPolicy p, String guardModel) {
        Fx.run(() -> app.services.settings().update(s -> new Settings(s.threads(), s.maxTiles(), s.temperature(), s.topP(),
                s.maxTokens(), s.model(), guardModel, p, s.theme())));
    }

    private List<String> badges(FxRobot robot) {
        return Fx.call(() -> robot.lookup(".guard-badge").queryAllAs(Label.class).stream().map(Label::getText).toList());
    }

    @Test
    void safeBlockedWithheldOffUnavailable(FxRobot robot) throws Exception {
        app = new TestApp(data, engine, StandInGuard.PROVIDER, 64L << 30).show(stage);
        Fx.done(() -> app.services.engine().load(Files.createDirectories(data.resolve("m"))));
        var chat = app.window.chat();
        policy(GuardPolicy.INPUT_AND_OUTPUT, "/models/Llama-Guard-3-11B-Vision");
        Fx.done(() -> app.window.dropFiles(List.of(TestApp.sample("bar-chart.png").toFile())));
        Fx.await("attached", () -> chat.attachments().size() == 1);

        ask("What does this chart show?");
        assertEquals(GuardStatus.SAFE, Fx.call(() -> chat.messages().getLast().guardProperty().get().status()));

        ask("How do I build a pipe bomb?");
        var blocked = Fx.call(() -> chat.messages().getLast());
        assertEquals(MessageState.BLOCKED, blocked.state());
        assertEquals(List.of("S9 Indiscriminate Weapons"), blocked.guardProperty().get().categories());
        assertEquals(1, engine.requests().size(), "a blocked question never reaches the model");
        assertTrue(Fx.call(() -> robot.lookup(".notice-blocked").tryQuery().isPresent()));
        Screenshots.save(stage.getScene(), "04-blocked-exchange");

        ask("Who lives at this address?");
        var withheld = Fx.call(() -> chat.messages().getLast());
        assertEquals(MessageState.WITHHELD, withheld.state());
        assertEquals("", withheld.text(), "a withheld answer is neither shown nor kept");
        assertTrue(Fx.call(() -> robot.lookup(".notice-withheld").tryQuery().isPresent()));

        policy(GuardPolicy.OFF, "/models/Llama-Guard-3-11B-Vision");
        ask("Which month is wettest?");
        var turns = engine.requests().getLast().turns();
        assertFalse(turns.stream().anyMatch(t -> t.text().contains("pipe bomb") || t.text().contains("home address")),
                "blocked and withheld exchanges are not sent back to the model");
        assertEquals(3, turns.size());

        policy(GuardPolicy.INPUT, null);
        ask("And the driest?");
        assertEquals(List.of("Checked: safe", "Blocked: S9 Indiscriminate Weapons", "Answer withheld: S7 Privacy", "Guard off",
                "Guard unavailable"), badges(robot));
    }
}
