package dev.tessera.desktop.ui;

import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.chat.ChatViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** The bottom line: image encode time, speed and memory of the last answer; which model is loaded. */
final class StatusBar extends HBox {
    StatusBar(ChatViewModel chat, AppServices app) {
        super(12);
        getStyleClass().add("status-bar");
        Label status = Nodes.label("", "status-text");
        status.setId("statusLine");
        status.textProperty().bind(chat.statusLineProperty());
        // the numbers (encode time, tokens/s, memory) win the space; the model's name is cut first, and both
        // keep their full text in a tooltip
        status.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip statusTip = new Tooltip();
        statusTip.textProperty().bind(status.textProperty());
        status.setTooltip(statusTip);
        Label model = Nodes.label("", "status-model");
        model.setId("modelLabel");
        model.textProperty().bind(Bindings.createStringBinding(() -> {
            if (app.engine().loadingProperty().get()) return app.engine().loadingWhatProperty().get();
            var m = app.engine().model();
            var w = app.engine().loadedWeightsProperty().get();
            return m == null ? "No model loaded" : w == null ? m.label() : m.label() + " · " + w.label();
        }, app.engine().modelProperty(), app.engine().loadingProperty(), app.engine().loadingWhatProperty(),
                app.engine().loadedWeightsProperty()));
        Tooltip modelTip = new Tooltip();
        modelTip.textProperty().bind(model.textProperty());
        model.setTooltip(modelTip);
        model.setMinWidth(80);
        // a model load (quantizing the 11B takes minutes) shows a busy bar beside its text
        var busy = Nodes.visibleWhen(new javafx.scene.control.ProgressBar(-1), app.engine().loadingProperty());
        busy.setId("loadProgress");
        busy.setPrefWidth(90);
        getChildren().addAll(status, Nodes.spacer(), busy, model);
    }
}
