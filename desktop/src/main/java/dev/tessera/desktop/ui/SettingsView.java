package dev.tessera.desktop.ui;

import dev.tessera.desktop.engine.WeightFormat;
import dev.tessera.desktop.guard.GuardPolicy;
import dev.tessera.desktop.settings.SettingsViewModel;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Settings, saved as they change: generation, threads, the guard, the theme. */
final class SettingsView extends VBox {
    SettingsView(SettingsViewModel vm, Dialogs dialogs) {
        super(14);
        getStyleClass().add("settings-view");
        GridPane g = new GridPane();
        g.getStyleClass().add("form");
        g.setHgap(14);
        g.setVgap(10);
        int r = 0;

        Spinner<Integer> threads = new Spinner<>(0, Runtime.getRuntime().availableProcessors(), vm.threadsProperty().get());
        threads.setId("threads");
        threads.valueProperty().addListener((o, a, b) -> vm.threadsProperty().set(b));
        row(g, r++, "Threads", threads, "0 = all " + Runtime.getRuntime().availableProcessors() + " cores");

        ChoiceBox<Integer> tiles = new ChoiceBox<>(FXCollections.observableArrayList(1, 2, 3, 4));
        tiles.setId("tiles");
        tiles.setValue(vm.maxTilesProperty().get());
        tiles.valueProperty().addListener((o, a, b) -> vm.maxTilesProperty().set(b));
        vm.maxTilesProperty().addListener((o, a, b) -> tiles.setValue(b.intValue()));
        row(g, r++, "Image tiles", tiles, "4 = fine detail, 1 = fast (560 × 560 px each)");

        Spinner<Double> temp = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(0, 2, vm.temperatureProperty().get(), 0.1));
        temp.setId("temperature");
        temp.setEditable(true);
        temp.valueProperty().addListener((o, a, b) -> vm.temperatureProperty().set(b));
        row(g, r++, "Temperature", temp, "0 = always the most likely word (repeatable)");

        Spinner<Double> topP = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.05, 1, vm.topPProperty().get(), 0.05));
        topP.setId("topP");
        topP.setEditable(true);
        topP.valueProperty().addListener((o, a, b) -> vm.topPProperty().set(b));
        row(g, r++, "Top-p", topP, "sample from the most likely words covering this much probability");

        Spinner<Integer> maxTokens = new Spinner<>(16, 8192, vm.maxTokensProperty().get(), 64);
        maxTokens.setId("maxTokens");
        maxTokens.setEditable(true);
        maxTokens.valueProperty().addListener((o, a, b) -> vm.maxTokensProperty().set(b));
        row(g, r++, "Max answer tokens", maxTokens, "");

        ChoiceBox<GuardPolicy> policy = new ChoiceBox<>(FXCollections.observableArrayList(GuardPolicy.values()));
        policy.setId("guardPolicy");
        policy.valueProperty().bindBidirectional(vm.guardPolicyProperty());
        row(g, r++, "Guard", policy, "Llama Guard 3 Vision checks questions (and answers). Its runner is not in this "
                + "build yet: with the guard on, each exchange says \"Guard unavailable\" - never \"safe\" unchecked.");

        TextField guardModel = new TextField();
        guardModel.setId("guardModel");
        guardModel.setPromptText("Llama Guard 3 model folder");
        guardModel.textProperty().bindBidirectional(vm.guardModelProperty());
        guardModel.setPrefColumnCount(36);
        guardModel.setMinWidth(260); // else the hints beside squeeze the folder field to nothing
        Button pick = Nodes.button("Choose…", null, () -> dialogs.chooseFolder(getScene().getWindow(), "Choose the Llama Guard 3 folder")
                .ifPresent(p -> vm.guardModelProperty().set(p.toString())));
        pick.setMinWidth(Button.USE_PREF_SIZE);
        row(g, r++, "Guard model", new HBox(6, guardModel, pick), "");

        ChoiceBox<WeightFormat> weights = new ChoiceBox<>(FXCollections.observableArrayList(WeightFormat.values()));
        weights.setId("weights");
        weights.valueProperty().bindBidirectional(vm.weightsProperty());
        row(g, r++, "Decoder weights", weights, "Q8_0 and Q4_0 hold the text decoder in llama.cpp's block formats: faster "
                + "answers, slightly different words. Made on the first load (minutes for the 11B), then cached. "
                + "Changing it reloads the model.");

        ChoiceBox<String> theme = new ChoiceBox<>(FXCollections.observableArrayList("light", "dark"));
        theme.setId("theme");
        theme.valueProperty().bindBidirectional(vm.themeProperty());
        row(g, r, "Theme", theme, "");

        getChildren().addAll(Nodes.label("Settings", "h1"), g);
    }

    private static void row(GridPane g, int r, String label, javafx.scene.Node control, String hint) {
        var key = Nodes.label(label, "fact-key");
        key.setMinWidth(javafx.scene.control.Label.USE_PREF_SIZE);
        g.add(key, 0, r);
        g.add(control, 1, r);
        g.add(Nodes.wrapping(hint, "muted"), 2, r);
    }
}
