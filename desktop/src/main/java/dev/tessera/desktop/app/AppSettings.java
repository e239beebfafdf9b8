package dev.tessera.desktop.app;

import dev.tessera.desktop.store.Settings;
import dev.tessera.desktop.store.SettingsStore;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The current settings, observable; every change is saved (on the background I/O thread). */
public final class AppSettings {
    private final ObjectProperty<Settings> current;

    public AppSettings(SettingsStore store, Executor io) {
        current = new SimpleObjectProperty<>(this, "settings", store.load());
        current.addListener((obs, old, now) -> io.execute(() -> store.save(now)));
    }

    public ReadOnlyObjectProperty<Settings> property() {
        return current;
    }

    public Settings get() {
        return current.get();
    }

    /** Changes the settings; on the UI thread. */
    public void update(UnaryOperator<Settings> change) {
        current.set(change.apply(current.get()));
    }
}
