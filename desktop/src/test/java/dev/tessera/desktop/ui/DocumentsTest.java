package dev.tessera.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.attach.Attachment;
import dev.tessera.desktop.attach.PdfPages;
import dev.tessera.desktop.chat.MessageState;
import dev.tessera.desktop.chat.QuickPrompt;
import dev.tessera.desktop.support.Fx;
import dev.tessera.desktop.support.ScriptedChatEngine;
import dev.tessera.desktop.support.Screenshots;
import dev.tessera.desktop.support.TestApp;
import dev.tessera.desktop.support.TestPdfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A PDF dropped on the window: pages rendered for the tiles, the page picker, the CSV prompt and Save CSV. */
@ExtendWith(ApplicationExtension.class)
class DocumentsTest {
    static final String CSV_ANSWER = """
            Here is the table from page 2:

            ```csv
            Quarter,Revenue,Costs
            Q1,48200,39100
            Q2,53700,41800
            ```
            """;

    @TempDir
    Path data;
    Stage stage;
    TestApp app;
    final ScriptedChatEngine engine = new ScriptedChatEngine().answering(r -> CSV_ANSWER);

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (app != null) app.services.close();
    }

    @Test
    void pdfPagePickerTableAsCsvAndSave(FxRobot robot) throws Exception {
        Path pdf = TestPdfs.quarterlyReport(data.resolve("in/report.pdf"));
        app = new TestApp(data, engine).show(stage);
        Fx.done(() -> app.services.engine().load(Files.createDirectories(data.resolve("m"))));
        var chat = app.window.chat();

        Fx.done(() -> app.window.dropFiles(List.of(pdf.toFile())));
        Fx.await("PDF attached", () -> chat.attachments().size() == 1);
        Attachment page1 = Fx.call(() -> chat.attachments().getFirst());
        assertEquals(Attachment.Kind.PDF_PAGE, page1.kind());
        assertEquals(1, page1.page());
        assertEquals(2, page1.pageCount());
        var img = ImageIO.read(page1.imageFile().toFile());
        assertEquals(PdfPages.LONG_SIDE_PX, Math.max(img.getWidth(), img.getHeight()), "rendered for two 560 px tiles");
        assertTrue(page1.imageFile().startsWith(data.resolve("conversations")), "rendered pages live beside the conversation");

        // the page picker shows page 2
        @SuppressWarnings("unchecked")
        Spinner<Integer> picker = (Spinner<Integer>) robot.lookup(".page-picker").query();
        Fx.run(() -> picker.getValueFactory().setValue(2));
        Fx.await("page 2", () -> chat.attachments().size() == 1 && chat.attachments().getFirst().page() == 2);
        Path page2 = Fx.call(() -> chat.attachments().getFirst().imageFile());
        assertTrue(Files.isRegularFile(page2) && !page2.equals(page1.imageFile()));
        assertTrue(Fx.call(() -> robot.lookup("#quick-TABLE_CSV").query().isDisabled()) == false);
        Screenshots.save(stage.getScene(), "03a-pdf-attached");

        // one click: table as CSV; the page image went to the engine
        robot.clickOn("#quick-TABLE_CSV");
        Fx.await("answered", () -> chat.messages().size() == 2 && chat.messages().get(1).state() == MessageState.DONE);
        var question = engine.requests().getLast().question();
        assertEquals(QuickPrompt.TABLE_CSV.prompt(), question.text());
        assertEquals(List.of(page2), question.images());

        // Save CSV writes the csv block
        Path csv = data.resolve("out/table.csv");
        app.dialogs.files.add(csv);
        robot.clickOn(".action-save-csv");
        Fx.await("CSV saved", () -> Files.isRegularFile(csv));
        assertEquals("Quarter,Revenue,Costs\nQ1,48200,39100\nQ2,53700,41800\n", Files.readString(csv));
        Screenshots.save(stage.getScene(), "03-pdf-page");
    }
}
