package dev.tessera.desktop.ui;

import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.chat.ChatViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** The bottom line: image encode time, speed and memory of the last answer; which model is loaded. */
final class StatusBar extends HBox {
    StatusBar(ChatViewModel chat, AppServices app) {
        super(12);
        getStyleClass().add("status-bar");
        Label status = Nodes.label("", "status-text");
        status.setId("statusLine");
        status.textProperty().bind(chat.statusLineProperty());
        Label model = Nodes.label("", "status-model");
        model.setId("modelLabel");
        model.textProperty().bind(Bindings.createStringBinding(() -> {
            if (app.engine().loadingProperty().get()) return "Loading model…";
            var m = app.engine().model();
            return m == null ? "No model loaded" : m.label();
        }, app.engine().modelProperty(), app.engine().loadingProperty()));
        getChildren().addAll(status, Nodes.spacer(), model);
    }
}
