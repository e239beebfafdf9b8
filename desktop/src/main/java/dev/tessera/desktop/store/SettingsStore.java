package dev.tessera.desktop.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** {@code settings.json}: read at start (defaults when absent or unreadable), written atomically on each change. */
public final class SettingsStore {
    private final DataFolder data;

    public SettingsStore(DataFolder data) {
        this.data = data;
    }

    public synchronized Settings load() {
        if (!Files.isRegularFile(data.settingsFile())) return Settings.defaults();
        try {
            return Json.MAPPER.readValue(data.settingsFile().toFile(), Settings.class);
        } catch (IOException e) {
            System.err.println("tessera: " + data.settingsFile() + " is unreadable, using defaults: " + e.getMessage());
            return Settings.defaults();
        }
    }

    public synchronized void save(Settings s) {
        try {
            AtomicFiles.write(data.settingsFile(), Json.MAPPER.writeValueAsBytes(s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save settings: " + e.getMessage(), e);
        }
    }
}
