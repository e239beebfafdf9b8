package dev.tessera.desktop.ui;

import dev.tessera.desktop.attach.Attachment;
import dev.tessera.desktop.chat.MessageState;
import dev.tessera.desktop.chat.MessageViewModel;
import dev.tessera.desktop.guard.GuardState;
import dev.tessera.desktop.guard.GuardStatus;
import dev.tessera.desktop.markdown.CsvExtractor;
import dev.tessera.desktop.markdown.MarkdownView;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One message: who said it, the images it carried, its text (Markdown for answers, re-rendered as tokens stream
 * in), the guard badge, and for answers Copy, Regenerate and Save CSV.
 */
final class MessageView extends VBox {
    interface Actions {
        void copy(MessageViewModel m);

        void regenerate(MessageViewModel m);

        void saveCsv(MessageViewModel m);

        boolean canRegenerate(MessageViewModel m);
    }

    private final MessageViewModel vm;
    private final Actions actions;
    private final StackPane body = new StackPane();
    private final Label guardBadge = new Label();
    private final Label stateLabel = Nodes.label("", "message-state");
    private final Label stats = Nodes.label("", "message-stats");
    private final HBox actionBar = new HBox(6);

    MessageView(MessageViewModel vm, String assistantName, Actions actions) {
        this.vm = vm;
        this.actions = actions;
        getStyleClass().addAll("message", vm.isUser() ? "message-user" : "message-assistant");
        setUserData(vm);
        HBox header = new HBox(8, Nodes.label(vm.isUser() ? "You" : assistantName, "message-role"), Nodes.spacer(), stateLabel);
        getChildren().add(header);
        if (vm.isUser()) {
            if (!vm.images().isEmpty()) getChildren().add(thumbnails());
            getChildren().add(Nodes.wrapping(vm.text(), "message-text"));
            return;
        }
        guardBadge.getStyleClass().add("guard-badge");
        header.getChildren().add(1, guardBadge);
        body.getStyleClass().add("message-body");
        body.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        actionBar.getStyleClass().add("message-actions");
        getChildren().addAll(body, actionBar);
        vm.textProperty().addListener((o, a, b) -> renderBody());
        vm.stateProperty().addListener((o, a, b) -> refresh());
        vm.guardProperty().addListener((o, a, b) -> refresh());
        vm.statsProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    MessageViewModel model() {
        return vm;
    }

    private FlowPane thumbnails() {
        FlowPane pane = new FlowPane(8, 8);
        pane.getStyleClass().add("message-images");
        for (Attachment a : vm.images()) {
            ImageView iv = new ImageView(new Image(a.imageFile().toUri().toString(), 220, 160, true, true, true));
            VBox box = new VBox(4, iv, Nodes.label(a.label(), "thumb-caption"));
            box.getStyleClass().add("message-image");
            pane.getChildren().add(box);
        }
        return pane;
    }

    /** Regenerate is offered on the last answer only, and not while another answer is being written. */
    void refreshActions() {
        if (!vm.isUser()) refresh();
    }

    private void refresh() {
        GuardState g = vm.guardProperty().get();
        guardBadge.setText(g.text());
        guardBadge.getStyleClass().removeIf(c -> c.startsWith("guard-") && !c.equals("guard-badge"));
        guardBadge.getStyleClass().add(g.status().styleClass());
        Nodes.tip(guardBadge, g.detail().isEmpty() ? g.status().label() : g.detail());
        MessageState s = vm.state();
        stateLabel.setText(switch (s) {
            case STREAMING -> "writing…";
            case STOPPED -> "stopped";
            case LENGTH -> "token limit";
            case ERROR -> "failed";
            default -> "";
        });
        var st = vm.statsProperty().get();
        stats.setText(st == null ? "" : String.format(java.util.Locale.ROOT, "%d tokens · %.1f tokens/s%s", st.generatedTokens(),
                st.tokensPerSecond(), st.imageCacheHit() ? " · image from cache" : st.imageEncodeMs() > 0
                        ? String.format(java.util.Locale.ROOT, " · image %.0f ms", st.imageEncodeMs()) : ""));
        renderBody();
        actionBar.getChildren().clear();
        if (s == MessageState.STREAMING) return;
        if (s != MessageState.BLOCKED && s != MessageState.WITHHELD && !vm.text().isBlank()) {
            actionBar.getChildren().add(action("Copy", "copy", () -> actions.copy(vm)));
            if (CsvExtractor.extract(vm.text()) != null) actionBar.getChildren().add(action("Save CSV…", "save-csv", () -> actions.saveCsv(vm)));
        }
        if (actions.canRegenerate(vm)) actionBar.getChildren().add(action("Regenerate", "regenerate", () -> actions.regenerate(vm)));
        actionBar.getChildren().addAll(Nodes.spacer(), stats);
    }

    private Button action(String text, String styleClass, Runnable r) {
        Button b = Nodes.button(text, null, r);
        b.getStyleClass().addAll("link-button", "action-" + styleClass);
        return b;
    }

    private void renderBody() {
        GuardState g = vm.guardProperty().get();
        MessageState s = vm.state();
        if (s == MessageState.BLOCKED) {
            body.getChildren().setAll(notice("The question was not answered: the guard judged it unsafe ("
                    + String.join(", ", g.categories()) + ").", "notice-blocked"));
        } else if (s == MessageState.WITHHELD) {
            body.getChildren().setAll(notice("The answer is withheld: the guard judged it unsafe ("
                    + String.join(", ", g.categories()) + ").", "notice-withheld"));
        } else if (s == MessageState.STREAMING && vm.hiddenUntilCheckedProperty().get() && g.status() == GuardStatus.CHECKING) {
            body.getChildren().setAll(notice("Writing… the answer is shown once the guard has checked it.", "notice-pending"));
        } else if (vm.text().isEmpty() && s == MessageState.STREAMING) {
            body.getChildren().setAll(notice("…", "typing"));
        } else {
            body.getChildren().setAll(MarkdownView.render(vm.text()));
        }
    }

    private static Label notice(String text, String styleClass) {
        return Nodes.wrapping(text, "message-notice", styleClass);
    }
}
