package dev.tessera.desktop.ui;

import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.engine.ModelSummary;
import dev.tessera.desktop.models.ModelCandidate;
import dev.tessera.desktop.models.ModelManagerViewModel;
import java.nio.file.Path;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Models: what was found (Hugging Face cache, the data folder, chosen folders), the selected one's architecture,
 * size, dtypes and memory needed against memory available - with a plain warning when it will not fit - and
 * Load, Use as guard, Choose folder, and the first-run demo model.
 */
final class ModelManagerView extends BorderPane {
    private final ModelManagerViewModel vm;
    private final GridPane facts = new GridPane();
    private final Label name = Nodes.label("", "h2");
    private final Label demoBadge = Nodes.label("RANDOM WEIGHTS — answers are nonsense", "demo-badge");
    private final Label fitWarning = Nodes.wrapping("", "fit-warning");
    private final ProgressBar memoryBar = new ProgressBar(0);
    private final Button load = Nodes.button("Load", "loadModel", () -> {});
    private final Button guard = Nodes.button("Use as guard model", "useAsGuard", () -> {});

    ModelManagerView(ModelManagerViewModel vm, AppServices app, Dialogs dialogs) {
        this.vm = vm;
        getStyleClass().add("models-view");
        setId("modelManager");
        Label searched = Nodes.wrapping("Looked in: " + vm.searchedCaches().stream().map(Path::toString)
                .collect(Collectors.joining(", ")) + ", and " + app.data().root().resolve("models"), "muted");
        VBox top = new VBox(6, Nodes.label("Models", "h1"), searched);
        FirstRunCard firstRun = new FirstRunCard(vm, () -> choose(dialogs));
        Nodes.visibleWhen(firstRun, vm.firstRunProperty());
        top.getChildren().add(firstRun);
        top.getStyleClass().add("models-top");
        setTop(top);

        ListView<ModelCandidate> list = new ListView<>(vm.candidates());
        list.setId("modelList");
        list.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            {
                prefWidthProperty().bind(lv.widthProperty().subtract(4));
                setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                setWrapText(true);
            }

            @Override
            protected void updateItem(ModelCandidate c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.name() + (c.guard() ? "  (guard)" : "") + "\n"
                        + (c.demo() ? "random weights, nonsense answers · " : "") + (c.complete() ? "" : "incomplete · ") + c.source().label());
            }
        });
        list.setPlaceholder(Nodes.wrapping("No Llama 3.2 Vision or Llama Guard 3 folders found yet.", "muted"));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> { if (b != null) vm.selectedProperty().set(b); });
        vm.selectedProperty().addListener((o, a, b) -> { if (b != null && list.getSelectionModel().getSelectedItem() != b) list.getSelectionModel().select(b); });
        Button refresh = Nodes.button("Refresh", "refreshModels", vm::refresh);
        Button choose = Nodes.button("Choose folder…", "chooseModelFolder", () -> choose(dialogs));
        Button demo = Nodes.button("Demo model", "demoButton2", vm::makeDemoModel);
        Nodes.tip(demo, "Write the tiny random-weight demo model (nonsense answers) into the data folder");
        demo.disableProperty().bind(vm.demoProgressProperty().greaterThanOrEqualTo(0));
        VBox left = new VBox(8, list, new HBox(6, refresh, choose, demo));
        VBox.setVgrow(list, Priority.ALWAYS);
        left.getStyleClass().add("models-list");
        left.setPrefWidth(340);
        setLeft(left);

        facts.getStyleClass().add("facts");
        facts.setHgap(14);
        facts.setVgap(6);
        fitWarning.setId("fitWarning");
        memoryBar.setPrefWidth(320);
        load.setOnAction(e -> vm.loadSelected());
        load.getStyleClass().add("primary");
        load.disableProperty().bind(vm.summaryProperty().isNull().or(app.engine().loadingProperty()));
        guard.setOnAction(e -> vm.useSelectedAsGuard());
        Label loaded = Nodes.wrapping("", "muted");
        loaded.setId("loadedModel");
        loaded.textProperty().bind(Bindings.createStringBinding(() -> app.engine().loadingProperty().get() ? "Loading…"
                : app.engine().model() == null ? "No model loaded." : "Loaded: " + app.engine().model().label()
                + String.format(java.util.Locale.ROOT, " (in %.0f ms)", app.engine().model().loadMs()),
                app.engine().modelProperty(), app.engine().loadingProperty()));
        Label error = Nodes.wrapping("", "error");
        error.setId("modelError");
        error.textProperty().bind(Bindings.createStringBinding(() -> vm.errorProperty().get() != null ? vm.errorProperty().get()
                : app.engine().loadErrorProperty().get(), vm.errorProperty(), app.engine().loadErrorProperty()));
        Nodes.visibleWhen(error, error.textProperty().isNotEmpty());
        Label inspecting = Nodes.label("Reading the model folder…", "muted");
        Nodes.visibleWhen(inspecting, vm.inspectingProperty());
        VBox details = new VBox(10, name, demoBadge, facts, memoryBar, fitWarning, new HBox(8, load, guard), inspecting, error, loaded);
        details.getStyleClass().add("model-details");
        ScrollPane scroll = new ScrollPane(details);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        vm.summaryProperty().addListener((o, a, b) -> show(b));
        show(null);
    }

    private void choose(Dialogs dialogs) {
        dialogs.chooseFolder(getScene().getWindow(), "Choose a model folder").ifPresent(vm::addFolder);
    }

    private void show(ModelSummary s) {
        facts.getChildren().clear();
        boolean has = s != null;
        for (var n : new javafx.scene.Node[] {memoryBar, load, guard}) {
            n.setVisible(has);
            n.setManaged(has);
        }
        demoBadge.setVisible(has && s.demo());
        demoBadge.setManaged(has && s.demo());
        fitWarning.setVisible(has && !s.fits());
        fitWarning.setManaged(has && !s.fits());
        if (!has) {
            name.setText(vm.candidates().isEmpty() ? "" : "Select a model");
            return;
        }
        name.setText(s.name());
        int row = 0;
        row = fact(row, "Folder", s.dir().toString());
        row = fact(row, "Kind", switch (s.kind()) {
            case VISION -> "vision-language model";
            case TEXT -> "text-only model";
            case GUARD -> "safety guard (Llama Guard 3)";
        });
        row = fact(row, "Architecture", s.architecture());
        row = fact(row, "Parameters", s.parametersText());
        row = fact(row, "Weights", ModelSummary.gib(s.weightBytes()) + " (" + s.dtypes() + ")");
        row = fact(row, "Memory needed", "about " + ModelSummary.gib(s.bytesNeeded()) + " (weights, 8k-token context, one image)");
        fact(row, "Memory available", ModelSummary.gib(s.bytesAvailable()) + " in this machine");
        memoryBar.setProgress(Math.min(1, s.bytesNeeded() / (double) Math.max(1, s.bytesAvailable())));
        memoryBar.getStyleClass().removeAll("bar-ok", "bar-over");
        memoryBar.getStyleClass().add(s.fits() ? "bar-ok" : "bar-over");
        fitWarning.setText(s.fits() ? "" : s.fitWarning());
        load.setText(s.fits() ? "Load" : "Load anyway");
        guard.setVisible(s.kind() == ModelSummary.Kind.GUARD);
        guard.setManaged(s.kind() == ModelSummary.Kind.GUARD);
    }

    private int fact(int row, String key, String value) {
        Label k = Nodes.label(key, "fact-key");
        k.setMinWidth(Label.USE_PREF_SIZE);
        facts.add(k, 0, row);
        facts.add(Nodes.wrapping(value, "fact-value"), 1, row);
        return row + 1;
    }
}
