package dev.tessera.desktop.ui;

import dev.tessera.desktop.chat.ChatViewModel;
import dev.tessera.desktop.chat.QuickPrompt;
import dev.tessera.desktop.samples.SampleImages;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;

/**
 * Where a question is written: pending attachments, one-click document prompts, the text box (Enter sends,
 * Shift+Enter breaks the line, Ctrl+V pastes images too), Send / Stop, the detail switch, attach and samples.
 */
final class Composer extends VBox {
    final TextArea input = new TextArea();

    Composer(ChatViewModel vm, Runnable chooseFiles, BooleanSupplier pasteAttachments, Consumer<SampleImages.Sample> trySample) {
        super(8);
        getStyleClass().add("composer");

        HBox quick = new HBox(6, Nodes.label("Documents & charts:", "quick-label"));
        quick.getStyleClass().add("quick-prompts");
        BooleanBinding hasImage = Bindings.createBooleanBinding(() -> !vm.attachments().isEmpty()
                || vm.messages().stream().anyMatch(m -> !m.images().isEmpty()), vm.attachments(), vm.messages());
        for (QuickPrompt p : QuickPrompt.values()) {
            Button b = Nodes.button(p.label(), "quick-" + p.name(), () -> vm.ask(p));
            b.getStyleClass().add("chip");
            Nodes.tip(b, p.prompt());
            b.disableProperty().bind(hasImage.not().or(vm.busyProperty()));
            quick.getChildren().add(b);
        }

        input.setId("input");
        input.setPromptText("Ask about an image…  (Enter sends, Shift+Enter new line, Ctrl+V pastes an image)");
        input.setWrapText(true);
        input.setPrefRowCount(2);
        input.textProperty().bindBidirectional(vm.inputProperty());
        HBox.setHgrow(input, Priority.ALWAYS);
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShiftDown()) {
                input.insertText(input.getCaretPosition(), "\n");
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                vm.send();
                e.consume();
            } else if (e.getCode() == KeyCode.V && e.isShortcutDown() && pasteAttachments.getAsBoolean()) {
                e.consume();
            }
        });

        Button send = Nodes.button("Send", "sendButton", vm::send);
        send.getStyleClass().add("primary");
        send.disableProperty().bind(vm.canSendProperty().not());
        Nodes.visibleWhen(send, vm.busyProperty().not());
        Button stop = Nodes.button("Stop", "stopButton", vm::stop);
        stop.getStyleClass().add("danger");
        Nodes.tip(stop, "Stop the answer (Esc)");
        Nodes.visibleWhen(stop, vm.busyProperty());

        ToggleButton fine = new ToggleButton("Fine detail");
        fine.setId("tiles-fine");
        Nodes.tip(fine, "Up to 4 tiles of 560 px per image: small print, dense charts (slower)");
        ToggleButton fast = new ToggleButton("Fast");
        fast.setId("tiles-fast");
        Nodes.tip(fast, "One 560 px tile per image: quicker, coarser");
        SegmentedButton detail = new SegmentedButton(fine, fast);
        detail.getStyleClass().add("detail-switch");
        Runnable syncDetail = () -> {
            fine.setSelected(vm.maxTilesProperty().get() >= 4);
            fast.setSelected(vm.maxTilesProperty().get() == 1);
        };
        syncDetail.run();
        vm.maxTilesProperty().addListener((o, a, b) -> syncDetail.run());
        fine.setOnAction(e -> {
            vm.maxTilesProperty().set(4);
            syncDetail.run();
        });
        fast.setOnAction(e -> {
            vm.maxTilesProperty().set(1);
            syncDetail.run();
        });

        Button attach = Nodes.button("Attach…", "attachButton", chooseFiles);
        Nodes.tip(attach, "Choose images or PDFs (or drop them anywhere on the window)");
        MenuButton samples = new MenuButton("Try a sample");
        samples.setId("samplesMenu");
        for (SampleImages.Sample s : SampleImages.SAMPLES) {
            MenuItem item = new MenuItem(s.title());
            item.setOnAction(e -> trySample.accept(s));
            samples.getItems().add(item);
        }
        HBox tools = new HBox(8, attach, samples, Nodes.spacer(), Nodes.label("Detail:", "quick-label"), detail);
        tools.getStyleClass().add("composer-tools");
        VBox buttons = new VBox(send, stop);
        HBox row = new HBox(8, input, buttons);
        getChildren().addAll(new AttachmentStrip(vm), quick, row, tools);
    }
}
