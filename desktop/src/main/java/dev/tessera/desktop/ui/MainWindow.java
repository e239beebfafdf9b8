package dev.tessera.desktop.ui;

import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.batch.CaptionViewModel;
import dev.tessera.desktop.chat.ChatViewModel;
import dev.tessera.desktop.conversations.ConversationListViewModel;
import dev.tessera.desktop.models.ModelManagerViewModel;
import dev.tessera.desktop.settings.SettingsViewModel;
import dev.tessera.desktop.store.ConversationSummary;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The window: sidebar (navigation, conversations), the current view, the status bar; keyboard shortcuts
 * (Esc stops, Ctrl+N new chat, Ctrl+B caption a folder, Ctrl+V attaches a copied picture) and the theme. Holds the view models; all state lives in them.
 */
public final class MainWindow {
    private final AppServices app;
    private final Dialogs dialogs;
    private final ChatViewModel chat;
    private final ConversationListViewModel conversations;
    private final ModelManagerViewModel models;
    private final SettingsViewModel settings;
    private final CaptionViewModel captions;
    private final ObjectProperty<AppView> current = new SimpleObjectProperty<>(this, "view", AppView.CHAT);
    private final Map<AppView, Node> views = new EnumMap<>(AppView.class);
    private final StackPane center = new StackPane();
    private final BorderPane root = new BorderPane();
    private final ChatView chatView;
    private Scene scene;

    public MainWindow(AppServices app, Dialogs dialogs) {
        this.app = app;
        this.dialogs = dialogs;
        chat = new ChatViewModel(app);
        conversations = new ConversationListViewModel(app, chat);
        models = new ModelManagerViewModel(app);
        settings = new SettingsViewModel(app.settings());
        captions = new CaptionViewModel(app);
        chatView = new ChatView(chat, models, app, dialogs, () -> current.set(AppView.MODELS));
        root.getStyleClass().add("app");
        root.setLeft(new Sidebar(current, conversations, this::newChat, this::rename, this::export, this::delete));
        root.setCenter(center);
        root.setBottom(new StatusBar(chat, app));
        chatView.acceptDropsOn(root, () -> current.set(AppView.CHAT));
        current.addListener((o, a, v) -> center.getChildren().setAll(viewFor(v)));
        center.getChildren().setAll(viewFor(current.get()));
        conversations.refresh();
        models.refresh().thenRun(() -> app.ui().execute(models::loadRemembered));
        captions.findUnfinished().thenAccept(u -> u.ifPresent(b -> app.ui().execute(() -> offerResume(b))));
    }

    /** A batch was cancelled or cut short by closing the app: offer to continue it. */
    private void offerResume(CaptionViewModel.Unfinished b) {
        if (captions.busy()) return;
        if (dialogs.confirm(scene == null ? null : scene.getWindow(), "Resume captioning?",
                "A captioning batch did not finish: " + b.describe() + " Continue it now?")) {
            current.set(AppView.CAPTION);
            captions.resumeUnfinished(b.request());
        } else {
            app.io().execute(captions.pendingStore()::clear); // asked once; the results file stays as it is
        }
    }

    private Node viewFor(AppView v) {
        return views.computeIfAbsent(v, k -> switch (k) {
            case CHAT -> chatView;
            case CAPTION -> new CaptionView(captions, dialogs);
            case MODELS -> new ModelManagerView(models, app, dialogs);
            case SETTINGS -> new SettingsView(settings, dialogs);
        });
    }

    /** The scene, made once: shortcuts and theme installed. */
    public Scene scene() {
        if (scene != null) return scene;
        scene = new Scene(root, 1180, 780);
        Theme.apply(scene, app.settings().get().theme());
        app.settings().property().addListener((o, a, b) -> {
            if (!a.theme().equals(b.theme())) Theme.apply(scene, b.theme());
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), chat::stop);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newChat);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN), () -> current.set(AppView.CAPTION));
        // Ctrl+V with the focus outside any text box (a button, the sidebar) still attaches a copied picture or file;
        // text boxes keep their own paste, and the chat's input box handles pictures itself
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN), () -> {
            if (scene.getFocusOwner() instanceof TextInputControl) return;
            if (chatView.pasteAttachments()) current.set(AppView.CHAT);
        });
        return scene;
    }

    public void show(Stage stage) {
        stage.setTitle("Tessera");
        stage.setScene(scene());
        stage.setMinWidth(880);
        stage.setMinHeight(560);
        stage.setOnHidden(e -> {
            chat.stop();
            captions.close(); // the image in progress is dropped; the next start offers to resume the rest
        });
        stage.show();
        chatView.composer.input.requestFocus();
    }

    private void newChat() {
        chat.newChat();
        current.set(AppView.CHAT);
        chatView.composer.input.requestFocus();
    }

    private void rename(ConversationSummary s) {
        dialogs.askText(scene.getWindow(), "Rename conversation", "Title:", s.title()).ifPresent(t -> conversations.rename(s, t));
    }

    private void export(ConversationSummary s) {
        String name = s.title().replaceAll("[^A-Za-z0-9 _-]", "").strip();
        dialogs.saveFile(scene.getWindow(), "Export as Markdown", (name.isEmpty() ? "conversation" : name) + ".md")
                .ifPresent(p -> conversations.export(s, p));
    }

    private void delete(ConversationSummary s) {
        if (dialogs.confirm(scene.getWindow(), "Delete conversation", "Delete \"" + s.title() + "\" and the images saved with it?")) {
            conversations.delete(s);
        }
    }

    public ChatViewModel chat() { return chat; }
    public ConversationListViewModel conversations() { return conversations; }
    public ModelManagerViewModel models() { return models; }
    public SettingsViewModel settings() { return settings; }
    public CaptionViewModel captions() { return captions; }
    public ObjectProperty<AppView> currentView() { return current; }
    /** Tests drop files here the way a drag would. */
    public java.util.concurrent.CompletableFuture<Void> dropFiles(java.util.List<java.io.File> files) {
        return chatView.dropFiles(files, null);
    }
}
