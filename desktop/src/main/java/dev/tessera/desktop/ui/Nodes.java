package dev.tessera.desktop.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Small builders the views share. */
final class Nodes {
    private Nodes() {}

    static Label label(String text, String... styleClasses) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styleClasses);
        return l;
    }

    static Label wrapping(String text, String... styleClasses) {
        Label l = label(text, styleClasses);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        if (id != null) b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    static Region spacer() {
        Region r = new Region();
        javafx.scene.layout.HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    static <T extends Node> T tip(T node, String tooltip) {
        if (node instanceof javafx.scene.control.Control c) c.setTooltip(new Tooltip(tooltip));
        else Tooltip.install(node, new Tooltip(tooltip));
        return node;
    }

    static <T extends Node> T visibleWhen(T node, javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
        return node;
    }
}
