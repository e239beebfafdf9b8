package dev.tessera.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.chat.MessageState;
import dev.tessera.desktop.chat.MessageViewModel;
import dev.tessera.desktop.engine.ChatTurn;
import dev.tessera.desktop.markdown.MarkdownView;
import dev.tessera.desktop.support.Fx;
import dev.tessera.desktop.support.ScriptedChatEngine;
import dev.tessera.desktop.support.Screenshots;
import dev.tessera.desktop.support.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
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
 * The chat with a scripted engine: drop an image, ask, watch tokens stream, stop mid-answer, follow up (image
 * cache hit), regenerate, then restart the app over the same data folder and find the conversation.
 */
@ExtendWith(ApplicationExtension.class)
class ChatFlowTest {
    static final String CHART_ANSWER = """
            The chart shows **monthly rainfall in Bergen** from January to June 2023.

            | Month | Rainfall (mm) |
            |---|---:|
            | Jan | 190 |
            | Mar | 170 |
            | Apr | 95 |

            - **Wettest:** January, 190 mm
            - **Driest:** April, 95 mm
            - Rain falls by half from winter to spring, then rises again in June (130 mm).
            """;

    @TempDir
    Path data;
    Stage stage;
    TestApp app;
    final ScriptedChatEngine engine = new ScriptedChatEngine();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (app != null) app.services.close();
    }

    private void startApp() throws Exception {
        Path model = Files.createDirectories(data.resolve("models-elsewhere/scripted"));
        app = new TestApp(data, engine).show(stage);
        Fx.done(() -> app.services.engine().load(model));
        Fx.await("model loaded", () -> app.services.engine().model() != null);
    }

    @Test
    void dropAskStreamStopFollowUpRegenerateAndRestart(FxRobot robot) throws Exception {
        startApp();
        Screenshots.save(stage.getScene(), "01-empty-state");
        var chat = app.window.chat();

        // drop the bar chart and ask with Enter; the answer pauses after 4 words
        Fx.done(() -> app.window.dropFiles(List.of(TestApp.sample("bar-chart.png").toFile())));
        Fx.await("attachment", () -> chat.attachments().size() == 1);
        engine.answering(r -> r.turns().size() == 1 ? CHART_ANSWER : "April had the least rain: **95 mm**.");
        engine.holdAfter(4);
        robot.clickOn("#input").write("Which month had the most rain?");
        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        assertTrue(Fx.call(() -> chat.inputProperty().get().endsWith("\n")), "Shift+Enter breaks the line");
        robot.type(KeyCode.BACK_SPACE).type(KeyCode.ENTER);
        assertTrue(engine.awaitHeld(), "the engine started answering");
        Fx.await("streamed words on screen", () -> shownAnswer(robot).equals("The chart shows **monthly"));
        MessageViewModel first = Fx.call(() -> chat.messages().get(1));
        assertEquals(MessageState.STREAMING, Fx.call(first::state));
        assertTrue(Fx.call(() -> robot.lookup("#stopButton").query().isVisible()));
        assertEquals("Which month had the most rain?", engine.requests().getFirst().question().text());

        // Esc stops the engine mid-answer; what was shown stays
        robot.type(KeyCode.ESCAPE);
        Fx.await("stopped", () -> first.state() == MessageState.STOPPED);
        assertEquals("The chart shows **monthly ", Fx.call(first::text));
        assertTrue(Fx.call(() -> robot.lookup("#sendButton").query().isVisible()));

        // follow-up in the same conversation: the whole chat goes to the engine, the image comes from the cache
        robot.clickOn("#input").write("And the least?");
        robot.clickOn("#sendButton");
        Fx.await("follow-up answered", () -> chat.messages().size() == 4 && chat.messages().get(3).state() == MessageState.DONE);
        List<ChatTurn> turns = engine.requests().getLast().turns();
        assertEquals(3, turns.size());
        assertEquals(1, turns.getFirst().images().size());
        assertEquals("The chart shows **monthly ", turns.get(1).text());
        assertTrue(engine.replies().getLast().imageCacheHit());
        assertTrue(Fx.call(() -> chat.statusLineProperty().get()).contains("image from cache"));
        assertTrue(shownAnswer(robot).contains("April had the least rain: 95 mm."));

        // regenerate the last answer: replaced, not added
        engine.answering(r -> CHART_ANSWER);
        robot.clickOn(".action-regenerate");
        Fx.await("regenerated", () -> chat.messages().size() == 4 && chat.messages().get(3).state() == MessageState.DONE
                && chat.messages().get(3).text().startsWith("The chart shows"));
        assertTrue(shownAnswer(robot).contains("Wettest: January, 190 mm"));
        assertTrue(shownAnswer(robot).contains("Rainfall (mm)"), "the table is rendered");

        // copy puts the Markdown on the clipboard
        robot.clickOn(lastAnswer(robot).lookup(".action-copy"));
        assertEquals(CHART_ANSWER, Fx.call(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()));

        // restart: a new window over the same data folder lists and reopens the conversation
        String id = Fx.call(chat::conversationId);
        app.services.close();
        Fx.run(stage::close);
        app = new TestApp(data, new ScriptedChatEngine()).show(stage);
        var list = app.window.conversations();
        Fx.await("conversation listed", () -> list.items().size() == 1);
        assertEquals(id, Fx.call(() -> list.items().getFirst().id()));
        assertEquals("Which month had the most rain?", Fx.call(() -> list.items().getFirst().title()));
        Fx.await("list cell shown", () -> robot.lookup(".conversation-list .list-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() != null && c.isVisible()));
        robot.clickOn(robot.lookup(".conversation-list .list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() != null).findFirst().orElseThrow());
        Fx.await("conversation reopened", () -> app.window.chat().messages().size() == 4);
        var restored = Fx.call(() -> List.copyOf(app.window.chat().messages()));
        assertEquals(MessageState.STOPPED, restored.get(1).state());
        assertEquals("The chart shows **monthly ", restored.get(1).text());
        assertEquals(CHART_ANSWER, restored.get(3).text());
        assertEquals(1, restored.getFirst().images().size());

        // Ctrl+N: a new, empty chat
        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        Fx.await("new chat", () -> app.window.chat().messages().isEmpty());
        assertFalse(Fx.call(() -> robot.lookup("#emptyState").query().isVisible()) == false);
    }

    @Test
    void answersAChartQuestionWithMarkdown(FxRobot robot) throws Exception {
        startApp();
        var chat = app.window.chat();
        engine.answering(r -> CHART_ANSWER);
        robot.clickOn("#samplesMenu").clickOn("Bar chart: rainfall");
        Fx.await("sample attached", () -> chat.attachments().size() == 1);
        assertEquals("Which month had the most rain, and how much?", Fx.call(() -> chat.inputProperty().get()));
        robot.clickOn("#sendButton");
        Fx.await("answered", () -> chat.messages().size() == 2 && chat.messages().get(1).state() == MessageState.DONE);
        String shown = shownAnswer(robot);
        assertTrue(shown.contains("The chart shows monthly rainfall in Bergen"), shown);
        assertTrue(shown.contains("Wettest: January, 190 mm"), shown);
        assertTrue(Fx.call(() -> lastAnswer(robot).lookup(".md-table") != null), "the table is a grid");
        assertTrue(Fx.call(() -> chat.statusLineProperty().get()).contains("image encoded in 813 ms"));
        Fx.await("listed in the sidebar", () -> app.window.conversations().items().size() == 1);
        Screenshots.save(stage.getScene(), "02-chart-answer");
    }

    private static Node lastAnswer(FxRobot robot) {
        Node last = null;
        for (Node n : robot.lookup(".message-assistant").queryAll()) last = n;
        return last;
    }

    /** The text of the last answer as rendered on screen. */
    private static String shownAnswer(FxRobot robot) {
        Node last = lastAnswer(robot);
        if (last == null) return "";
        Node body = last.lookup(".message-body");
        return body == null ? "" : MarkdownView.plainText(body).replaceAll("\\s+", " ").strip();
    }
}
