package dev.tessera.desktop.ui;

import dev.tessera.desktop.batch.CaptionViewModel;
import dev.tessera.desktop.batch.CaptionViewModel.Phase;
import dev.tessera.desktop.engine.CaptionRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * "Caption a folder": folders (chooser or drop), the options, Start / Pause / Resume / Cancel, and the batch's
 * progress - count, speed, time left, the image in progress with its thumbnail, recent captions, failures with
 * their reasons - then the summary. The photos are only read; captions go to the results file and the sidecars.
 */
final class CaptionView extends ScrollPane {
    private static final int THUMB = 120;

    CaptionView(CaptionViewModel vm, Dialogs dialogs) {
        setFitToWidth(true);
        setId("captionView");
        getStyleClass().add("caption-view");
        VBox body = new VBox(14);
        body.getStyleClass().add("settings-view");
        BooleanBinding busy = Bindings.createBooleanBinding(vm::busy, vm.phaseProperty());

        // ---- folders
        ListView<Path> folders = new ListView<>(vm.folders());
        folders.setId("captionFolders");
        folders.setPrefHeight(96);
        folders.setPlaceholder(Nodes.wrapping("Drop folders of photos here, or Add folder…", "muted"));
        Button add = Nodes.button("Add folder…", "addFolder", () -> dialogs.chooseFolder(getScene().getWindow(),
                "Choose a folder of photos to caption").ifPresent(p -> vm.addFolders(List.of(p))));
        Button remove = Nodes.button("Remove", "removeFolder", () -> {
            Path p = folders.getSelectionModel().getSelectedItem();
            if (p != null) vm.folders().remove(p);
        });
        add.disableProperty().bind(busy);
        remove.disableProperty().bind(busy.or(folders.getSelectionModel().selectedItemProperty().isNull()));

        // ---- options
        GridPane g = new GridPane();
        g.getStyleClass().add("form");
        g.setHgap(14);
        g.setVgap(10);
        List<String> presets = new ArrayList<>(CaptionRequest.PRESETS);
        presets.add(CaptionViewModel.CUSTOM);
        ChoiceBox<String> preset = new ChoiceBox<>(FXCollections.observableArrayList(presets));
        preset.setId("captionPreset");
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        TextField prompt = new TextField();
        prompt.setId("customPrompt");
        prompt.setPromptText("Your instruction to the model, e.g. \"Name the bird species.\"");
        prompt.setPrefColumnCount(36);
        prompt.textProperty().bindBidirectional(vm.customPromptProperty());
        Nodes.visibleWhen(prompt, vm.presetProperty().isEqualTo(CaptionViewModel.CUSTOM));
        g.addRow(0, key("Prompt"), new HBox(8, preset, prompt));

        ChoiceBox<String> sidecar = new ChoiceBox<>(FXCollections.observableArrayList(CaptionRequest.SIDECARS));
        sidecar.setId("captionSidecar");
        sidecar.valueProperty().bindBidirectional(vm.sidecarProperty());
        g.addRow(1, key("Sidecars"), new HBox(8, sidecar, Nodes.wrapping(
                "txt: IMG_0001.txt (caption datasets); xmp: IMG_0001.jpg.xmp (darktable, digiKam). Photos are never changed.", "muted")));

        CheckBox recursive = new CheckBox("Include subfolders");
        recursive.setId("captionRecursive");
        recursive.selectedProperty().bindBidirectional(vm.recursiveProperty());
        ChoiceBox<String> tiles = new ChoiceBox<>(FXCollections.observableArrayList("Fast (1 tile)", "Fine detail (up to 4 tiles)"));
        tiles.setId("captionTiles");
        tiles.setValue(vm.fineDetailProperty().get() ? tiles.getItems().get(1) : tiles.getItems().get(0));
        tiles.valueProperty().addListener((o, a, b) -> vm.fineDetailProperty().set(tiles.getItems().indexOf(b) == 1));
        vm.fineDetailProperty().addListener((o, a, b) -> tiles.setValue(tiles.getItems().get(b ? 1 : 0)));
        g.addRow(2, key("Images"), new HBox(14, recursive, tiles));

        TextField out = new TextField();
        out.setId("captionOut");
        out.setEditable(false);
        out.setPrefColumnCount(40);
        out.textProperty().bind(Bindings.createStringBinding(() -> vm.outProperty().get() == null ? ""
                : vm.outProperty().get().toString(), vm.outProperty()));
        Button chooseOut = Nodes.button("Choose…", "chooseOut", () -> dialogs.saveFile(getScene().getWindow(),
                "Results file (.jsonl or .csv)", "captions.jsonl").ifPresent(vm::chooseOut));
        g.addRow(3, key("Results"), new HBox(8, out, chooseOut));
        for (var n : g.getChildren()) n.disableProperty().bind(busy);

        // ---- controls
        Button start = Nodes.button("Start", "startBatch", vm::start);
        Button pause = Nodes.button("Pause", "pauseBatch", vm::pause);
        Button resume = Nodes.button("Resume", "resumeBatch", vm::resume);
        Button cancel = Nodes.button("Cancel", "cancelBatch", vm::cancel);
        Button openResults = Nodes.button("Open results", "openResults", () -> {
            Path f = vm.outProperty().get();
            if (f != null && Files.isRegularFile(f)) dialogs.open(f);
        });
        openResults.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.outProperty().get() == null
                || !Files.isRegularFile(vm.outProperty().get()), vm.outProperty(), vm.phaseProperty(), vm.fractionProperty()));
        start.getStyleClass().add("primary");
        start.disableProperty().bind(busy.or(Bindings.isEmpty(vm.folders())));
        pause.disableProperty().bind(vm.phaseProperty().isNotEqualTo(Phase.RUNNING));
        resume.disableProperty().bind(vm.phaseProperty().isNotEqualTo(Phase.PAUSED));
        cancel.disableProperty().bind(busy.not());
        Nodes.tip(start, "Images already in the results file (same model and prompt) are skipped");
        Nodes.tip(pause, "Stops after the image in progress");

        // ---- progress
        ProgressBar bar = new ProgressBar(0);
        bar.setId("batchProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.fractionProperty());
        Label count = Nodes.label("", "h2");
        count.setId("batchCount");
        count.textProperty().bind(vm.countTextProperty());
        ImageView thumb = new ImageView();
        thumb.setId("currentThumb");
        thumb.setFitWidth(THUMB);
        thumb.setFitHeight(THUMB);
        thumb.setPreserveRatio(true);
        vm.currentProperty().addListener((o, a, p) -> thumb.setImage(p == null ? null
                : new Image(p.toUri().toString(), THUMB, THUMB, true, true, true))); // loaded in the background
        Label currentName = Nodes.wrapping("", "muted");
        currentName.setId("currentFile");
        currentName.textProperty().bind(vm.currentTextProperty());
        HBox currentRow = new HBox(12, thumb, currentName);
        Nodes.visibleWhen(currentRow, vm.currentProperty().isNotNull());

        ListView<CaptionViewModel.Recent> recent = new ListView<>(vm.recent());
        recent.setId("recentCaptions");
        recent.setCellFactory(lv -> new RecentCell());
        recent.setPrefHeight(180);
        recent.setPlaceholder(Nodes.wrapping("Captions appear here as they are written.", "muted"));
        ListView<String> failures = new ListView<>(vm.failures());
        failures.setId("batchFailures");
        failures.setPrefHeight(90);
        failures.setPlaceholder(Nodes.wrapping("No failures.", "muted"));
        Label summary = Nodes.wrapping("", "summary");
        summary.setId("batchSummary");
        summary.textProperty().bind(vm.summaryProperty());
        Nodes.visibleWhen(summary, vm.summaryProperty().isNotNull());
        Label error = Nodes.wrapping("", "fit-warning");
        error.setId("batchError");
        error.textProperty().bind(vm.errorProperty());
        Nodes.visibleWhen(error, vm.errorProperty().isNotNull());

        VBox.setVgrow(recent, Priority.ALWAYS);
        Label demo = Nodes.label("Demo model (RANDOM WEIGHTS): its captions are nonsense", "demo-badge");
        demo.setId("captionDemoBadge");
        Nodes.visibleWhen(demo, vm.demoModelBinding());
        body.getChildren().addAll(Nodes.label("Caption a folder", "h1"),
                Nodes.wrapping("Captions every photo in the folders with the model chosen in Models (and the decoder "
                        + "weights of Settings). Each caption is saved the moment it exists; a stopped batch continues "
                        + "where it stopped.", "muted"), demo,
                new HBox(8, folders, new VBox(6, add, remove)), g, new HBox(8, start, pause, resume, cancel, openResults), error,
                bar, count, summary, currentRow, Nodes.label("Recent captions", "section-label"), recent,
                Nodes.label("Failures", "section-label"), failures);
        HBox.setHgrow(folders, Priority.ALWAYS);
        setContent(body);
        acceptFolderDrops(vm);
    }

    /** A finished image: its thumbnail (loaded in the background, small) and its caption. */
    private static final class RecentCell extends javafx.scene.control.ListCell<CaptionViewModel.Recent> {
        private static final int SIZE = 40;
        private final ImageView view = new ImageView();

        RecentCell() {
            view.setFitWidth(SIZE);
            view.setFitHeight(SIZE);
            view.setPreserveRatio(true);
        }

        @Override
        protected void updateItem(CaptionViewModel.Recent r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(r.text());
            if (r.image() == null) {
                setGraphic(null);
            } else {
                view.setImage(new Image(r.image().toUri().toString(), SIZE, SIZE, true, true, true));
                setGraphic(view);
            }
        }
    }

    private static Label key(String text) {
        Label l = Nodes.label(text, "fact-key");
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    /** Folders dropped on the view are added (files are left to the chat's own drop handling). */
    private void acceptFolderDrops(CaptionViewModel vm) {
        setOnDragOver(e -> {
            if (!vm.busy() && e.getDragboard().hasFiles() && folders(e.getDragboard().getFiles()).size() > 0) {
                e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
                e.consume();
            }
        });
        setOnDragDropped(e -> {
            List<Path> dirs = e.getDragboard().hasFiles() ? folders(e.getDragboard().getFiles()) : List.of();
            vm.addFolders(dirs);
            e.setDropCompleted(!dirs.isEmpty());
            e.consume();
        });
    }

    static List<Path> folders(List<File> files) {
        return files.stream().map(File::toPath).filter(Files::isDirectory).toList();
    }
}
