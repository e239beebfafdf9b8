package dev.tessera.desktop.app;

import dev.tessera.desktop.engine.ChatEngine;
import dev.tessera.desktop.engine.ModelDescription;
import dev.tessera.desktop.engine.WeightFormat;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The engine and the one thread it runs on. Loading and answering are queued on that thread; the UI sees the
 * result through properties that change on the UI thread only.
 */
public final class EngineHost implements AutoCloseable {
    private final ChatEngine engine;
    private final Executor ui;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tessera-engine");
        t.setDaemon(true);
        return t;
    });
    private final ObjectProperty<ModelDescription> model = new SimpleObjectProperty<>(this, "model");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final StringProperty loadError = new SimpleStringProperty(this, "loadError");
    private final ObjectProperty<WeightFormat> weights = new SimpleObjectProperty<>(this, "weights", WeightFormat.BF16);
    private final ObjectProperty<WeightFormat> loadedWeights = new SimpleObjectProperty<>(this, "loadedWeights");
    private final StringProperty loadingWhat = new SimpleStringProperty(this, "loadingWhat");

    public EngineHost(ChatEngine engine, Executor ui) {
        this.engine = engine;
        this.ui = ui;
    }

    public ChatEngine engine() {
        return engine;
    }

    public ReadOnlyObjectProperty<ModelDescription> modelProperty() {
        return model;
    }

    public ModelDescription model() {
        return model.get();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty loadErrorProperty() {
        return loadError;
    }

    /** The decoder weight format the next load uses (the settings' choice); a change reloads a loaded model. */
    public ObjectProperty<WeightFormat> weightsProperty() {
        return weights;
    }

    /** The weight format of the loaded model (null when none is loaded). */
    public ReadOnlyObjectProperty<WeightFormat> loadedWeightsProperty() {
        return loadedWeights;
    }

    /** What is loading, for the status line ("Loading model…", "Quantizing the decoder to Q4_0…"), or null. */
    public ReadOnlyStringProperty loadingWhatProperty() {
        return loadingWhat;
    }

    /** Loads a model on the engine thread, with the current weight format; call on the UI thread. */
    public CompletableFuture<ModelDescription> load(Path dir) {
        WeightFormat w = weights.get();
        loading.set(true);
        loadError.set(null);
        // quantizing the 11B takes minutes the first time (later loads map the cached copy): say so
        loadingWhat.set(w == WeightFormat.BF16 ? "Loading model…"
                : "Loading model, decoder weights " + w.label() + " (quantized on the first load: this may take a few minutes)…");
        CompletableFuture<ModelDescription> f = CompletableFuture.supplyAsync(() -> engine.load(dir, w), thread);
        f.whenComplete((m, err) -> ui.execute(() -> {
            loading.set(false);
            loadingWhat.set(null);
            if (err != null) {
                loadError.set(Errors.oneLine(err));
            } else {
                model.set(m);
                loadedWeights.set(w);
                // the format was changed while this load ran: load again in the format now chosen
                if (weights.get() != w) load(m.dir());
            }
        }));
        return f;
    }

    /** Loads the loaded model again in {@code w} (Settings changed the weight format); nothing when none is loaded. */
    public CompletableFuture<ModelDescription> reloadWith(WeightFormat w) {
        weights.set(w);
        ModelDescription m = model.get();
        if (m == null || w == loadedWeights.get()) return CompletableFuture.completedFuture(m);
        return load(m.dir());
    }

    /** Runs engine work (an answer) on the engine thread, after whatever is queued. */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, thread);
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            // an answer in progress was stopped by the window; give it a moment to end before the weights go away
            if (thread.awaitTermination(3, java.util.concurrent.TimeUnit.SECONDS)) engine.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
