package dev.tessera.desktop.support;

import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.app.GuardProvider;
import dev.tessera.desktop.engine.CaptionEngine;
import dev.tessera.desktop.engine.ChatEngine;
import dev.tessera.desktop.engine.Engines;
import dev.tessera.desktop.engine.ModelInspector;
import dev.tessera.desktop.models.ModelDiscovery;
import dev.tessera.desktop.store.DataFolder;
import dev.tessera.desktop.ui.MainWindow;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The app over a temporary data folder with a chosen engine and guard; no Hugging Face cache is looked at. */
public final class TestApp {
    public final AppServices services;
    public final MainWindow window;
    public final ScriptedDialogs dialogs = new ScriptedDialogs();

    public TestApp(Path data, ChatEngine engine, GuardProvider guards, long memoryBytes) {
        this(data, engine, Engines.captions(), guards, memoryBytes);
    }

    public TestApp(Path data, ChatEngine engine, CaptionEngine captions, GuardProvider guards, long memoryBytes) {
        DataFolder folder = new DataFolder(data);
        services = AppServices.create(folder, engine, captions, guards, new ModelInspector(() -> memoryBytes),
                new ModelDiscovery(Map.of(), data.resolve("no-home"), folder.models()), Platform::runLater);
        window = Fx.call(() -> new MainWindow(services, dialogs));
    }

    public TestApp(Path data, ChatEngine engine) {
        this(data, engine, GuardProvider.DEFAULT, 64L << 30);
    }

    /** Shows the window in {@code stage} (on the FX thread). */
    public TestApp show(Stage stage) {
        Fx.run(() -> {
            window.show(stage);
            stage.setWidth(1180);
            stage.setHeight(780);
        });
        return this;
    }

    /** Repository root (for sample-images/). */
    public static Path repo() {
        return Path.of(System.getProperty("tessera.repo", "..")).toAbsolutePath().normalize();
    }

    public static Path sample(String name) {
        return repo().resolve("sample-images").resolve(name);
    }
}
