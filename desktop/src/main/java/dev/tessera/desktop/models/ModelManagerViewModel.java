package dev.tessera.desktop.models;

import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.app.Errors;
import dev.tessera.desktop.engine.DemoModel;
import dev.tessera.desktop.engine.ModelDescription;
import dev.tessera.desktop.engine.ModelInspector;
import dev.tessera.desktop.engine.ModelSummary;
import dev.tessera.desktop.store.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The model manager: found and chosen model folders, what the selected one holds and whether it fits in memory,
 * loading it, choosing a guard model, and the first-run demo model. File and engine work run in the background.
 */
public final class ModelManagerViewModel {
    private final AppServices app;
    private final ObservableList<ModelCandidate> candidates = FXCollections.observableArrayList();
    private final ObjectProperty<ModelCandidate> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<ModelSummary> summary = new SimpleObjectProperty<>(this, "summary");
    private final BooleanProperty inspecting = new SimpleBooleanProperty(this, "inspecting");
    private final StringProperty error = new SimpleStringProperty(this, "error");
    private final DoubleProperty demoProgress = new SimpleDoubleProperty(this, "demoProgress", -1);
    private final BooleanProperty scanned = new SimpleBooleanProperty(this, "scanned");
    private final BooleanBinding firstRun;

    public ModelManagerViewModel(AppServices app) {
        this.app = app;
        firstRun = Bindings.createBooleanBinding(() -> scanned.get() && app.engine().model() == null
                        && app.settings().get().model() == null && candidates.stream().noneMatch(c -> c.complete() && !c.guard()),
                scanned, app.engine().modelProperty(), app.settings().property(), candidates);
        selected.addListener((o, a, b) -> inspect(b));
    }

    public ObservableList<ModelCandidate> candidates() { return candidates; }
    public ObjectProperty<ModelCandidate> selectedProperty() { return selected; }
    public ObjectProperty<ModelSummary> summaryProperty() { return summary; }
    public BooleanProperty inspectingProperty() { return inspecting; }
    public StringProperty errorProperty() { return error; }
    public DoubleProperty demoProgressProperty() { return demoProgress; }
    /** No model loaded, none chosen before, none found: the window explains how to get one. */
    public BooleanBinding firstRunProperty() { return firstRun; }
    public List<Path> searchedCaches() { return app.discovery().hubCaches(); }

    /** Looks for model folders again (Hugging Face cache, the data folder, folders chosen before). */
    public CompletableFuture<Void> refresh() {
        Settings s = app.settings().get();
        return CompletableFuture.supplyAsync(() -> {
            List<ModelCandidate> found = new ArrayList<>(app.discovery().discover());
            for (String chosen : new String[] {s.model(), s.guardModel()}) {
                if (chosen == null) continue;
                Path p = Path.of(chosen);
                if (found.stream().noneMatch(c -> c.dir().equals(p)) && Files.isDirectory(p)) found.add(chosen(p));
            }
            return found;
        }, app.io()).thenAccept(found -> app.ui().execute(() -> {
            ModelCandidate keep = selected.get();
            candidates.setAll(found);
            scanned.set(true);
            if (keep != null) candidates.stream().filter(c -> c.dir().equals(keep.dir())).findFirst().ifPresent(selected::set);
        }));
    }

    private static ModelCandidate chosen(Path dir) {
        String name = ModelInspector.displayName(dir);
        return new ModelCandidate(dir, name, ModelCandidate.Source.CHOSEN, ModelDiscovery.isGuard(name), DemoModel.isDemo(dir),
                ModelDiscovery.complete(dir));
    }

    /** Adds a folder the user picked and selects it. */
    public void addFolder(Path dir) {
        if (!ModelInspector.looksLikeModel(dir)) {
            error.set(dir + " is not a model folder: it needs config.json and model.safetensors (or the shards and their index)");
            return;
        }
        ModelCandidate c = candidates.stream().filter(x -> x.dir().equals(dir)).findFirst().orElseGet(() -> {
            ModelCandidate n = chosen(dir);
            candidates.add(n);
            return n;
        });
        selected.set(c);
    }

    private void inspect(ModelCandidate c) {
        summary.set(null);
        error.set(null);
        if (c == null) return;
        if (!c.complete()) {
            error.set(c.name() + " is incomplete (an unfinished download?): config.json or weight files are missing in " + c.dir());
            return;
        }
        inspecting.set(true);
        CompletableFuture.supplyAsync(() -> app.inspector().inspect(c.dir()), app.io()).whenComplete((s, err) -> app.ui().execute(() -> {
            inspecting.set(false);
            if (selected.get() != c) return;
            if (err != null) error.set(Errors.oneLine(err));
            else summary.set(s);
        }));
    }

    /** Loads the selected model for chatting and remembers it for the next start. */
    public CompletableFuture<ModelDescription> loadSelected() {
        ModelCandidate c = selected.get();
        if (c == null) return CompletableFuture.failedFuture(new IllegalStateException("no model selected"));
        return load(c.dir());
    }

    public CompletableFuture<ModelDescription> load(Path dir) {
        CompletableFuture<ModelDescription> f = app.engine().load(dir);
        f.thenAccept(m -> app.ui().execute(() -> app.settings().update(s -> s.withModel(dir.toString()))));
        return f;
    }

    /** Makes the selected folder the guard model (Settings chooses the policy). */
    public void useSelectedAsGuard() {
        ModelCandidate c = selected.get();
        if (c != null) app.settings().update(s -> s.withGuardModel(c.dir().toString()));
    }

    /** Loads the model chosen last time, if it is still there. */
    public void loadRemembered() {
        String m = app.settings().get().model();
        if (m != null && Files.isDirectory(Path.of(m)) && app.engine().model() == null) app.engine().load(Path.of(m));
    }

    /** Writes the tiny random-weight demo model into the data folder, then selects and loads it. */
    public CompletableFuture<ModelDescription> makeDemoModel() {
        demoProgress.set(0);
        error.set(null);
        List<Path> extra = candidates.stream().filter(ModelCandidate::complete).map(ModelCandidate::dir).toList();
        Path target = DemoModel.folderIn(app.data().models());
        CompletableFuture<ModelDescription> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> DemoModel.write(target, DemoModel.tokenizerSources(extra.toArray(Path[]::new)),
                        p -> app.ui().execute(() -> demoProgress.set(p))), app.io())
                .thenCompose(dir -> refresh().thenApply(v -> dir))
                .whenComplete((dir, err) -> app.ui().execute(() -> {
                    demoProgress.set(-1);
                    if (err != null) {
                        error.set("Could not make the demo model: " + Errors.oneLine(err));
                        done.completeExceptionally(err);
                        return;
                    }
                    candidates.stream().filter(c -> c.dir().equals(dir)).findFirst().ifPresent(selected::set);
                    load(dir).whenComplete((m, e2) -> {
                        if (e2 != null) done.completeExceptionally(e2);
                        else done.complete(m);
                    });
                }));
        return done;
    }
}
