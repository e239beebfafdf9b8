package dev.tessera.desktop.ui;

import dev.tessera.desktop.models.ModelManagerViewModel;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Shown while no model is available: how to get the real Llama 3.2 Vision weights, and the demo model button -
 * a tiny random-weight model written in seconds, said plainly to answer nonsense.
 */
final class FirstRunCard extends VBox {
    static final String DOWNLOAD = "huggingface-cli download meta-llama/Llama-3.2-11B-Vision-Instruct";

    FirstRunCard(ModelManagerViewModel vm, Runnable chooseFolder) {
        super(10);
        setId("firstRun");
        getStyleClass().add("first-run");
        TextField command = new TextField(DOWNLOAD);
        command.setEditable(false);
        command.getStyleClass().add("command");
        Button demo = Nodes.button("Create the demo model (random weights)", "demoButton", vm::makeDemoModel);
        demo.getStyleClass().add("primary");
        demo.disableProperty().bind(vm.demoProgressProperty().greaterThanOrEqualTo(0));
        Button choose = Nodes.button("Choose a model folder…", "chooseFolderFirstRun", chooseFolder);
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.demoProgressProperty());
        Nodes.visibleWhen(progress, vm.demoProgressProperty().greaterThanOrEqualTo(0));
        getChildren().addAll(
                Nodes.label("No model yet", "h2"),
                Nodes.wrapping("Tessera runs Meta's Llama 3.2 Vision on this computer; nothing you show it leaves the machine. "
                        + "To use the real model:", "body"),
                Nodes.wrapping("1.  Accept the Llama 3.2 Community License on the model's Hugging Face page "
                        + "(huggingface.co/meta-llama/Llama-3.2-11B-Vision-Instruct) and log in with  huggingface-cli login.", "body"),
                Nodes.wrapping("2.  Download it (about 21 GB; it needs about 24 GB of memory to run):", "body"),
                command,
                Nodes.wrapping("3.  Tessera finds it in the Hugging Face cache by itself (Models), or choose its folder.", "body"),
                Nodes.wrapping("Or try the app right now with the demo model: the same architecture at a tiny size with RANDOM "
                        + "weights, written in a few seconds. Every feature works, but its answers are nonsense.", "body", "demo-note"),
                new HBox(10, demo, choose), progress);
    }
}
