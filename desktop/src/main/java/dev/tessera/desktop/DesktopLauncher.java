package dev.tessera.desktop;

import javafx.application.Application;

/**
 * Opens the window. A plain main class (not an {@link Application}): with JavaFX on the class path, the JVM's
 * launcher refuses a main class that extends Application. {@code ./tessera} with no arguments comes here.
 */
public final class DesktopLauncher {
    private DesktopLauncher() {}

    public static void main(String[] args) {
        Application.launch(TesseraApp.class, args);
    }
}
