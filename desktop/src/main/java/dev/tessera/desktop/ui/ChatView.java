package dev.tessera.desktop.ui;

import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.app.Errors;
import dev.tessera.desktop.attach.DropHandler;
import dev.tessera.desktop.chat.ChatViewModel;
import dev.tessera.desktop.chat.MessageViewModel;
import dev.tessera.desktop.engine.ModelDescription;
import dev.tessera.desktop.models.ModelManagerViewModel;
import dev.tessera.desktop.samples.SampleImages;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The chat: header, the messages (or the empty state), the composer; the whole view takes dropped files. */
final class ChatView extends BorderPane {
    private final ChatViewModel vm;
    private final AppServices app;
    private final Dialogs dialogs;
    private final VBox messagesBox = new VBox(12);
    private final Map<MessageViewModel, MessageView> views = new HashMap<>();
    final Composer composer;

    ChatView(ChatViewModel vm, ModelManagerViewModel models, AppServices app, Dialogs dialogs, Runnable openModels) {
        this.vm = vm;
        this.app = app;
        this.dialogs = dialogs;
        getStyleClass().add("chat-view");

        Label title = Nodes.label("", "chat-title");
        title.textProperty().bind(vm.titleProperty());
        Label demo = Nodes.label("Demo model: random weights, its answers are nonsense", "demo-banner");
        demo.setId("demoBanner");
        Nodes.visibleWhen(demo, Bindings.createBooleanBinding(() -> app.engine().model() != null && app.engine().model().demo(),
                app.engine().modelProperty()));
        HBox header = new HBox(12, title, Nodes.spacer(), demo);
        header.getStyleClass().add("chat-header");
        setTop(header);

        messagesBox.setId("messages");
        messagesBox.getStyleClass().add("messages");
        ScrollPane scroll = new ScrollPane(messagesBox);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("messages-scroll");
        messagesBox.heightProperty().addListener((o, a, b) -> scroll.setVvalue(1.0));
        VBox empty = emptyState(models, openModels);
        Nodes.visibleWhen(empty, Bindings.isEmpty(vm.messages()));
        Nodes.visibleWhen(scroll, Bindings.isNotEmpty(vm.messages()));
        setCenter(new StackPane(scroll, empty));

        composer = new Composer(vm, this::chooseFiles, this::pasteAttachments, this::trySample);
        Label notice = Nodes.wrapping("", "notice");
        notice.setId("notice");
        notice.textProperty().bind(vm.noticeProperty());
        Nodes.visibleWhen(notice, vm.noticeProperty().isNotEmpty());
        VBox bottom = new VBox(6, notice, composer);
        bottom.getStyleClass().add("chat-bottom");
        setBottom(bottom);

        vm.messages().addListener((ListChangeListener<MessageViewModel>) c -> syncMessages());
        vm.busyProperty().addListener((o, a, b) -> views.values().forEach(MessageView::refreshActions));
        syncMessages();
    }

    private VBox emptyState(ModelManagerViewModel models, Runnable openModels) {
        VBox box = new VBox(14);
        box.setId("emptyState");
        box.getStyleClass().add("empty-state");
        FirstRunCard firstRun = new FirstRunCard(models, () -> dialogs.chooseFolder(getScene().getWindow(), "Choose a model folder")
                .ifPresent(p -> {
                    models.addFolder(p);
                    models.loadSelected();
                }));
        Nodes.visibleWhen(firstRun, models.firstRunProperty());
        var noModel = Bindings.createBooleanBinding(() -> app.engine().model() == null && !models.firstRunProperty().get(),
                app.engine().modelProperty(), models.firstRunProperty());
        Label loading = Nodes.label("", "body");
        loading.textProperty().bind(Bindings.when(app.engine().loadingProperty()).then("Loading the model…")
                .otherwise("No model is loaded."));
        HBox noModelRow = new HBox(10, loading, Nodes.button("Open Models", "openModels", openModels));
        Nodes.visibleWhen(noModelRow, noModel);
        HBox samples = new HBox(10);
        samples.getStyleClass().add("sample-row");
        for (SampleImages.Sample s : SampleImages.SAMPLES) {
            var b = Nodes.button(s.title(), null, () -> trySample(s));
            b.getStyleClass().add("chip");
            samples.getChildren().add(b);
        }
        box.getChildren().addAll(Nodes.label("Ask about an image", "h1"),
                Nodes.wrapping("Drop an image or a PDF anywhere on this window, paste one with Ctrl+V, or attach a file. "
                        + "Then ask: what it shows, what the text says, the table as CSV, what a chart's values are.", "body"),
                noModelRow, Nodes.label("Try a sample:", "muted"), samples, firstRun);
        return box;
    }

    private void syncMessages() {
        ModelDescription model = app.engine().model();
        String name = model != null && model.demo() ? "Tessera · demo model (random weights)" : "Tessera";
        List<MessageView> nodes = vm.messages().stream().map(m -> views.computeIfAbsent(m, k -> new MessageView(k, name, actions()))).toList();
        views.keySet().retainAll(vm.messages());
        messagesBox.getChildren().setAll(nodes);
        nodes.forEach(MessageView::refreshActions);
    }

    private MessageView.Actions actions() {
        return new MessageView.Actions() {
            @Override
            public void copy(MessageViewModel m) {
                ClipboardContent c = new ClipboardContent();
                c.putString(m.text());
                Clipboard.getSystemClipboard().setContent(c);
                vm.noticeProperty().set("Copied the answer.");
            }

            @Override
            public void regenerate(MessageViewModel m) {
                vm.regenerate();
            }

            @Override
            public void saveCsv(MessageViewModel m) {
                dialogs.saveFile(getScene().getWindow(), "Save the table as CSV", "table.csv").ifPresent(p -> vm.saveCsv(m, p));
            }

            @Override
            public boolean canRegenerate(MessageViewModel m) {
                return vm.canRegenerate(m);
            }
        };
    }

    /**
     * Accepts dropped images and PDFs anywhere on {@code target} (the whole window: sidebar, chat, input box, other
     * views), switching to the chat first.
     */
    void acceptDropsOn(Node target, Runnable showChat) {
        target.setOnDragOver(e -> {
            var db = e.getDragboard();
            if (DropHandler.accepts(db.getFiles(), db.getUrl(), db.hasImage())) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        target.setOnDragEntered(e -> {
            if (!getStyleClass().contains("drop-hover")) getStyleClass().add("drop-hover");
        });
        target.setOnDragExited(e -> getStyleClass().remove("drop-hover"));
        target.setOnDragDropped(e -> {
            getStyleClass().remove("drop-hover");
            showChat.run();
            dropped(e);
        });
    }

    private void dropped(DragEvent e) {
        var db = e.getDragboard();
        boolean ok = true;
        if (db.hasFiles() || db.hasUrl()) dropFiles(db.getFiles(), db.getUrl());
        else if (db.hasImage()) vm.attachPasted(SwingFXUtils.fromFXImage(db.getImage(), null));
        else ok = false;
        e.setDropCompleted(ok);
        e.consume();
    }

    /** What a drop of files does (tests call it with the files a drag would carry). */
    CompletableFuture<Void> dropFiles(List<File> files, String url) {
        List<Path> paths = DropHandler.paths(files, url);
        return paths.isEmpty() ? CompletableFuture.completedFuture(null) : vm.attachFiles(paths);
    }

    private void chooseFiles() {
        List<Path> files = dialogs.chooseFiles(getScene().getWindow());
        if (!files.isEmpty()) vm.attachFiles(files);
    }

    /** Ctrl+V: files or a picture on the clipboard become attachments; returns false for plain text. */
    boolean pasteAttachments() {
        Clipboard cb = Clipboard.getSystemClipboard();
        if (cb.hasFiles()) {
            vm.attachFiles(DropHandler.paths(cb.getFiles(), null));
            return true;
        }
        if (cb.hasImage() && cb.getImage() != null) {
            vm.attachPasted(SwingFXUtils.fromFXImage(cb.getImage(), null));
            return true;
        }
        return false;
    }

    void trySample(SampleImages.Sample s) {
        CompletableFuture.supplyAsync(() -> app.samples().file(s), app.io()).whenComplete((file, err) -> app.ui().execute(() -> {
            if (err != null) {
                vm.noticeProperty().set(Errors.oneLine(err));
                return;
            }
            vm.attachFiles(List.of(file));
            vm.inputProperty().set(s.question());
            composer.input.requestFocus();
        }));
    }
}
