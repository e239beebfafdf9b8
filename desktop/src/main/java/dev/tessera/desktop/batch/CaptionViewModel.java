package dev.tessera.desktop.batch;

import dev.tessera.caption.BatchListener;
import dev.tessera.caption.BatchPlan;
import dev.tessera.caption.BatchProgress;
import dev.tessera.caption.BatchSummary;
import dev.tessera.caption.CaptionBatch;
import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.app.Errors;
import dev.tessera.desktop.app.UiQueue;
import dev.tessera.desktop.engine.CaptionRequest;
import dev.tessera.desktop.engine.DemoModel;
import dev.tessera.desktop.guard.GuardPolicy;
import dev.tessera.desktop.store.PendingBatchStore;
import dev.tessera.desktop.store.Settings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * The "Caption a folder" view's state: the choices (folders, preset or own prompt, sidecars, tiles, results file),
 * and a running batch's progress. The batch runs on its own thread; what it reports reaches these properties in
 * batches on the UI thread ({@link UiQueue}). Every caption is in the results file the moment it exists, so pause,
 * cancel or a closed window lose at most the image in progress, and the next start offers to resume.
 */
public final class CaptionViewModel {
    /** Phase of the view: IDLE before the first start, then the batch's own states. */
    public enum Phase { IDLE, PLANNING, RUNNING, PAUSED, FINISHED, CANCELLED, FAILED }

    public static final String CUSTOM = "custom";
    static final int RECENT = 50;

    private final AppServices app;
    private final PendingBatchStore pending;
    private final UiQueue updates;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tessera-caption");
        t.setDaemon(true);
        return t;
    });

    private final ObservableList<Path> folders = FXCollections.observableArrayList();
    private final BooleanProperty recursive = new SimpleBooleanProperty(this, "recursive", true);
    private final StringProperty preset = new SimpleStringProperty(this, "preset", "short");
    private final StringProperty customPrompt = new SimpleStringProperty(this, "customPrompt", "");
    private final StringProperty sidecar = new SimpleStringProperty(this, "sidecar", "none");
    private final BooleanProperty fineDetail = new SimpleBooleanProperty(this, "fineDetail", false);
    private final ObjectProperty<Path> out = new SimpleObjectProperty<>(this, "out");
    private boolean outChosen;

    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(this, "phase", Phase.IDLE);
    private final DoubleProperty fraction = new SimpleDoubleProperty(this, "fraction");
    private final StringProperty countText = new SimpleStringProperty(this, "countText", "");
    private final StringProperty currentText = new SimpleStringProperty(this, "currentText", "");
    private final ObjectProperty<Path> current = new SimpleObjectProperty<>(this, "current");
    private final ObservableList<Recent> recent = FXCollections.observableArrayList();
    private final ObservableList<String> failures = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty(this, "summary");
    private final StringProperty error = new SimpleStringProperty(this, "error");
    private final ObjectProperty<BatchProgress> progress = new SimpleObjectProperty<>(this, "progress");

    private final javafx.beans.binding.BooleanBinding demoModel;
    private volatile CaptionBatch batch;
    private CaptionRequest running;

    public CaptionViewModel(AppServices app) {
        this.app = app;
        this.pending = new PendingBatchStore(app.data());
        this.updates = new UiQueue(app.ui());
        demoModel = javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            String m = app.settings().get().model();
            return m != null && DemoModel.isDemo(Path.of(m));
        }, app.settings().property());
        folders.addListener((javafx.collections.ListChangeListener<Path>) c -> {
            if (!outChosen) out.set(folders.isEmpty() ? null : CaptionRequest.defaultOut(folders.getFirst()));
        });
    }

    /** Adds folders (chooser or drop); files and duplicates are ignored. */
    public void addFolders(java.util.List<Path> dirs) {
        for (Path d : dirs) {
            Path p = d.toAbsolutePath().normalize();
            if (java.nio.file.Files.isDirectory(p) && !folders.contains(p)) folders.add(p);
        }
    }

    public void chooseOut(Path file) {
        outChosen = file != null;
        out.set(file != null ? file : folders.isEmpty() ? null : CaptionRequest.defaultOut(folders.getFirst()));
    }

    public boolean busy() {
        Phase p = phase.get();
        return p == Phase.PLANNING || p == Phase.RUNNING || p == Phase.PAUSED;
    }

    /** Starts a batch over the chosen folders with the model chosen in Models; rows already there are kept. */
    public CompletableFuture<BatchSummary> start() {
        if (busy()) return CompletableFuture.failedFuture(new IllegalStateException("a batch is running"));
        Settings s = app.settings().get();
        if (folders.isEmpty()) return fail("Add a folder of photos first.");
        if (s.model() == null) return fail("Choose a model in Models first.");
        boolean custom = CUSTOM.equals(preset.get());
        if (custom && (customPrompt.get() == null || customPrompt.get().isBlank())) return fail("Write your prompt, or pick a preset.");
        Path results = out.get() != null ? out.get() : CaptionRequest.defaultOut(folders.getFirst());
        // resume mode even for a fresh start: images the file already holds (same model and prompt) are skipped,
        // and nothing written before is ever thrown away
        return run(new CaptionRequest(folders, recursive.get(), custom ? null : preset.get(), custom ? customPrompt.get() : null,
                sidecar.get(), fineDetail.get() ? 4 : 1, CAPTION_TOKENS, results, true, Path.of(s.model()), s.weightFormat(),
                guardFolder(s)));
    }

    /** The guard that checks each photo: the chat's guard when checking is on, none when it is off. */
    private static Path guardFolder(Settings s) {
        return s.guardPolicy() == GuardPolicy.OFF || s.guardModel() == null ? null : Path.of(s.guardModel());
    }

    /** Tokens per caption: enough for a detailed paragraph or fifteen keywords. */
    public static final int CAPTION_TOKENS = 160;

    /** Continues a batch the app found unfinished at start. */
    public CompletableFuture<BatchSummary> resumeUnfinished(CaptionRequest r) {
        folders.setAll(r.folders());
        recursive.set(r.recursive());
        preset.set(r.preset() == null ? CUSTOM : r.preset());
        customPrompt.set(r.prompt() == null ? "" : r.prompt());
        sidecar.set(r.sidecar());
        fineDetail.set(r.maxTiles() > 1);
        outChosen = true;
        out.set(r.out());
        return run(r.resuming());
    }

    /** The batch left unfinished by an earlier run of the app, with how far it got (background I/O thread). */
    public CompletableFuture<Optional<Unfinished>> findUnfinished() {
        return CompletableFuture.supplyAsync(() -> {
            Optional<CaptionRequest> r = pending.load();
            if (r.isEmpty()) return Optional.<Unfinished>empty();
            try {
                ResultCount c = ResultCount.of(r.get());
                if (!java.nio.file.Files.isRegularFile(r.get().out()) || !c.unfinished()) {
                    pending.clear(); // nothing was written yet, or every image is in the file already
                    return Optional.<Unfinished>empty();
                }
                return Optional.of(new Unfinished(r.get(), c));
            } catch (Exception e) {
                return Optional.<Unfinished>empty();
            }
        }, app.io());
    }

    /** A line of the recent-captions list: the image (null for a note about the batch) and its caption. */
    public record Recent(Path image, String text) {}

    public record Unfinished(CaptionRequest request, ResultCount count) {
        public String describe() {
            return count.done() + " of " + count.images() + " images in " + request.folders().stream()
                    .map(p -> String.valueOf(p.getFileName())).reduce((a, b) -> a + ", " + b).orElse("")
                    + " are captioned (results in " + request.out().getFileName() + ").";
        }
    }

    private CompletableFuture<BatchSummary> run(CaptionRequest r) {
        error.set(null);
        summary.set(null);
        recent.clear();
        failures.clear();
        fraction.set(-1);
        countText.set("Looking for images…");
        current.set(null);
        currentText.set("");
        phase.set(Phase.PLANNING);
        running = r;
        CompletableFuture<BatchSummary> done = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                pending.save(r);
                CaptionBatch b = app.captions().batch(r, new Listener());
                batch = b;
                BatchSummary result = b.run();
                if (!result.cancelled()) pending.clear();
                updates.post(() -> finished(result));
                done.complete(result);
            } catch (RuntimeException e) {
                updates.post(() -> {
                    phase.set(Phase.FAILED);
                    error.set(Errors.oneLine(e));
                });
                done.completeExceptionally(e);
            } finally {
                batch = null;
            }
        });
        return done;
    }

    private CompletableFuture<BatchSummary> fail(String why) {
        error.set(why);
        return CompletableFuture.failedFuture(new IllegalStateException(why));
    }

    public void pause() {
        CaptionBatch b = batch;
        if (b != null) {
            b.pause();
            currentText.set("Pausing after this image…");
        }
    }

    public void resume() {
        CaptionBatch b = batch;
        if (b != null) b.resume();
    }

    public void cancel() {
        CaptionBatch b = batch;
        if (b != null) b.cancel();
    }

    /** The window is closing: stop the image in progress (the rest waits for a resume). */
    public void close() {
        cancel();
        worker.shutdown();
    }

    private void finished(BatchSummary s) {
        BatchProgress p = s.progress();
        show(p);
        phase.set(s.cancelled() ? Phase.CANCELLED : Phase.FINISHED);
        current.set(null);
        currentText.set("");
        summary.set(BatchText.summary(s));
    }

    private void show(BatchProgress p) {
        progress.set(p);
        fraction.set(p.fraction());
        countText.set(BatchText.count(p));
    }

    /** The batch's reports, on its thread, handed to the UI thread. */
    private final class Listener implements BatchListener {
        @Override
        public void stateChanged(State s) {
            updates.post(() -> {
                if (s == State.RUNNING) phase.set(Phase.RUNNING);
                else if (s == State.PAUSED) {
                    phase.set(Phase.PAUSED);
                    currentText.set("Paused");
                } else if (s == State.PLANNING) phase.set(Phase.PLANNING);
            });
        }

        @Override
        public void note(String message) {
            updates.post(() -> recent.addFirst(new Recent(null, "Note: " + message)));
        }

        @Override
        public void hashing(int done, int total) {
            updates.post(() -> countText.set("Checking images " + done + " of " + total + "…"));
        }

        @Override
        public void planned(BatchPlan plan) {
            int toDo = plan.count(BatchPlan.Action.CAPTION);
            updates.post(() -> countText.set(plan.tasks().size() + " images, " + toDo + " to caption"));
        }

        @Override
        public void modelLoading() {
            updates.post(() -> currentText.set("Loading the model…"));
        }

        @Override
        public void imageStarted(Path path, BatchProgress p) {
            updates.post(() -> {
                show(p);
                current.set(path);
                currentText.set(String.valueOf(path.getFileName()));
            });
        }

        @Override
        public void imageFinished(Outcome o, BatchProgress p) {
            updates.post(() -> {
                show(p);
                String line = BatchText.outcome(o);
                if (o.kind() == Kind.FAILED) failures.add(line);
                else if (o.kind() != Kind.SKIPPED) {
                    recent.addFirst(new Recent(o.path(), line));
                    if (recent.size() > RECENT) recent.removeLast();
                }
            });
        }
    }

    /** The chosen model is the random-weight demo: its captions are nonsense, and the view says so. */
    public javafx.beans.binding.BooleanBinding demoModelBinding() { return demoModel; }
    public ObservableList<Path> folders() { return folders; }
    public BooleanProperty recursiveProperty() { return recursive; }
    public StringProperty presetProperty() { return preset; }
    public StringProperty customPromptProperty() { return customPrompt; }
    public StringProperty sidecarProperty() { return sidecar; }
    public BooleanProperty fineDetailProperty() { return fineDetail; }
    public ObjectProperty<Path> outProperty() { return out; }
    public ObjectProperty<Phase> phaseProperty() { return phase; }
    public DoubleProperty fractionProperty() { return fraction; }
    public StringProperty countTextProperty() { return countText; }
    public StringProperty currentTextProperty() { return currentText; }
    public ObjectProperty<Path> currentProperty() { return current; }
    public ObservableList<Recent> recent() { return recent; }
    public ObservableList<String> failures() { return failures; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty errorProperty() { return error; }
    public ObjectProperty<BatchProgress> progressProperty() { return progress; }
    public PendingBatchStore pendingStore() { return pending; }
    public CaptionRequest runningRequest() { return running; }
}
