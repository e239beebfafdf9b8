package dev.tessera.desktop.ui;

import javafx.scene.Scene;

/** Light and dark themes: {@code base.css} lays out and styles with looked-up colours; the theme file defines them. */
public final class Theme {
    private static final String BASE = css("base.css");

    private Theme() {}

    public static void apply(Scene scene, String theme) {
        String colours = css("dark".equals(theme) ? "dark.css" : "light.css");
        scene.getStylesheets().setAll(BASE, colours);
    }

    private static String css(String name) {
        var url = Theme.class.getResource(name);
        if (url == null) throw new IllegalStateException("missing stylesheet " + name);
        return url.toExternalForm();
    }
}
