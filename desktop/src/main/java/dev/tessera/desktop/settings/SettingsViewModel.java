package dev.tessera.desktop.settings;

import dev.tessera.desktop.app.AppSettings;
import dev.tessera.desktop.engine.WeightFormat;
import dev.tessera.desktop.guard.GuardPolicy;
import dev.tessera.desktop.store.Settings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The settings form: one property per field; any edit becomes the current settings and is saved. */
public final class SettingsViewModel {
    private final AppSettings settings;
    private final IntegerProperty threads = new SimpleIntegerProperty(this, "threads");
    private final IntegerProperty maxTiles = new SimpleIntegerProperty(this, "maxTiles");
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature");
    private final DoubleProperty topP = new SimpleDoubleProperty(this, "topP");
    private final IntegerProperty maxTokens = new SimpleIntegerProperty(this, "maxTokens");
    private final StringProperty guardModel = new SimpleStringProperty(this, "guardModel");
    private final ObjectProperty<GuardPolicy> guardPolicy = new SimpleObjectProperty<>(this, "guardPolicy");
    private final StringProperty theme = new SimpleStringProperty(this, "theme");
    private final ObjectProperty<WeightFormat> weights = new SimpleObjectProperty<>(this, "weights");
    private boolean syncing;

    public SettingsViewModel(AppSettings settings) {
        this.settings = settings;
        load(settings.get());
        settings.property().addListener((o, a, b) -> load(b));
        for (var p : new javafx.beans.Observable[] {threads, maxTiles, temperature, topP, maxTokens, guardModel, guardPolicy, theme, weights}) {
            p.addListener(obs -> store());
        }
    }

    private void load(Settings s) {
        syncing = true;
        try {
            threads.set(s.threads());
            maxTiles.set(s.maxTiles());
            temperature.set(s.temperature());
            topP.set(s.topP());
            maxTokens.set(s.maxTokens());
            guardModel.set(s.guardModel());
            guardPolicy.set(s.guardPolicy());
            theme.set(s.theme());
            weights.set(s.weightFormat());
        } finally {
            syncing = false;
        }
    }

    private void store() {
        if (syncing) return;
        settings.update(s -> new Settings(threads.get(), maxTiles.get(), temperature.get(), topP.get(), maxTokens.get(),
                s.model(), blankToNull(guardModel.get()),
                Settings.policyAfterGuardChange(s.guardModel(), guardModel.get(), guardPolicy.get()), theme.get(),
                weights.get() == null ? null : weights.get().id()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public IntegerProperty threadsProperty() { return threads; }
    public IntegerProperty maxTilesProperty() { return maxTiles; }
    public DoubleProperty temperatureProperty() { return temperature; }
    public DoubleProperty topPProperty() { return topP; }
    public IntegerProperty maxTokensProperty() { return maxTokens; }
    public StringProperty guardModelProperty() { return guardModel; }
    public ObjectProperty<GuardPolicy> guardPolicyProperty() { return guardPolicy; }
    public StringProperty themeProperty() { return theme; }
    /** Decoder weights; a change reloads the loaded model in that format (see EngineHost). */
    public ObjectProperty<WeightFormat> weightsProperty() { return weights; }
}
