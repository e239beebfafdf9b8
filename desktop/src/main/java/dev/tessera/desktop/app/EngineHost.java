package dev.tessera.desktop.app;

import dev.tessera.desktop.engine.ChatEngine;
import dev.tessera.desktop.engine.ModelDescription;
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

    /** Loads a model on the engine thread; call on the UI thread. */
    public CompletableFuture<ModelDescription> load(Path dir) {
        loading.set(true);
        loadError.set(null);
        CompletableFuture<ModelDescription> f = CompletableFuture.supplyAsync(() -> engine.load(dir), thread);
        f.whenComplete((m, err) -> ui.execute(() -> {
            loading.set(false);
            if (err != null) loadError.set(Errors.oneLine(err));
            else model.set(m);
        }));
        return f;
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
