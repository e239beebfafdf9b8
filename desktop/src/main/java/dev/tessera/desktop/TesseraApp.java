package dev.tessera.desktop;

import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.app.GuardProvider;
import dev.tessera.desktop.engine.Engines;
import dev.tessera.desktop.engine.ModelInspector;
import dev.tessera.desktop.models.ModelDiscovery;
import dev.tessera.desktop.store.DataFolder;
import dev.tessera.desktop.ui.FxDialogs;
import dev.tessera.desktop.ui.MainWindow;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: services over the user's data folder, the real engine, the main window. */
public final class TesseraApp extends Application {
    private AppServices services;

    @Override
    public void start(Stage stage) {
        DataFolder data = DataFolder.resolve();
        services = AppServices.create(data, Engines.create(), GuardProvider.DEFAULT, new ModelInspector(),
                ModelDiscovery.system(data.models()), Platform::runLater);
        new MainWindow(services, new FxDialogs(getHostServices())).show(stage);
    }

    @Override
    public void stop() {
        if (services != null) services.close();
    }
}
