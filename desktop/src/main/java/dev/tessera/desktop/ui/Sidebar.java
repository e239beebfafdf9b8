package dev.tessera.desktop.ui;

import dev.tessera.desktop.conversations.ConversationListViewModel;
import dev.tessera.desktop.store.ConversationSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Navigation, New chat, and the saved conversations (right-click: rename, export Markdown, delete). */
final class Sidebar extends VBox {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());
    final ListView<ConversationSummary> list;

    Sidebar(ObjectProperty<AppView> current, ConversationListViewModel conversations, Runnable newChat,
            Consumer<ConversationSummary> rename, Consumer<ConversationSummary> export, Consumer<ConversationSummary> delete) {
        super(8);
        getStyleClass().add("sidebar");
        getChildren().add(Nodes.label("Tessera", "brand"));
        ToggleGroup nav = new ToggleGroup();
        for (AppView v : AppView.values()) {
            ToggleButton b = new ToggleButton(v.label());
            b.setId(v.navId());
            b.getStyleClass().add("nav-button");
            b.setToggleGroup(nav);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setSelected(current.get() == v);
            b.setOnAction(e -> {
                current.set(v);
                b.setSelected(true);
            });
            current.addListener((o, a, now) -> b.setSelected(now == v));
            getChildren().add(b);
        }
        var newButton = Nodes.button("+  New chat", "newChat", newChat);
        newButton.getStyleClass().add("new-chat");
        newButton.setMaxWidth(Double.MAX_VALUE);
        Nodes.tip(newButton, "Ctrl+N");
        list = new ListView<>(conversations.items());
        list.setId("conversationList");
        list.getStyleClass().add("conversation-list");
        list.setPlaceholder(Nodes.wrapping("Conversations appear here.", "muted"));
        list.setCellFactory(lv -> new ListCell<>() {
            {
                prefWidthProperty().bind(lv.widthProperty().subtract(4));
                setMaxWidth(Region.USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(ConversationSummary s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setText(null);
                    setContextMenu(null);
                    return;
                }
                setText(s.title() + "\n" + WHEN.format(Instant.ofEpochMilli(s.updatedMs())) + " · " + s.messages() + " messages");
                MenuItem r = new MenuItem("Rename…");
                r.setOnAction(e -> rename.accept(s));
                MenuItem x = new MenuItem("Export as Markdown…");
                x.setOnAction(e -> export.accept(s));
                MenuItem d = new MenuItem("Delete");
                d.setOnAction(e -> delete.accept(s));
                setContextMenu(new ContextMenu(r, x, d));
            }
        });
        // opened on click or Enter, not on selection: the list re-sorts as conversations are saved
        list.setOnMouseClicked(e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY) open(conversations, current);
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) open(conversations, current);
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(newButton, Nodes.label("Conversations", "section-label"), list);
        setPrefWidth(250);
    }

    private void open(ConversationListViewModel conversations, ObjectProperty<AppView> current) {
        ConversationSummary s = list.getSelectionModel().getSelectedItem();
        if (s == null) return;
        conversations.open(s);
        current.set(AppView.CHAT);
    }
}
