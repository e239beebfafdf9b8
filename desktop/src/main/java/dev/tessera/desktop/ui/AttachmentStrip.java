package dev.tessera.desktop.ui;

import dev.tessera.desktop.attach.Attachment;
import dev.tessera.desktop.chat.ChatViewModel;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.geometry.Pos;

/** The pending attachments as removable thumbnails; a PDF page gets a page picker. */
final class AttachmentStrip extends HBox {
    private final ChatViewModel vm;

    AttachmentStrip(ChatViewModel vm) {
        super(10);
        this.vm = vm;
        setId("attachments");
        getStyleClass().add("attachment-strip");
        vm.attachments().addListener((ListChangeListener<Attachment>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        for (Attachment a : vm.attachments()) getChildren().add(tile(a));
    }

    private VBox tile(Attachment a) {
        ImageView iv = new ImageView(new Image(a.imageFile().toUri().toString(), 120, 90, true, true, true));
        Button remove = Nodes.button("×", null, () -> vm.remove(a));
        remove.getStyleClass().add("thumb-remove");
        Nodes.tip(remove, "Remove " + a.label());
        StackPane pic = new StackPane(iv, remove);
        StackPane.setAlignment(remove, Pos.TOP_RIGHT);
        pic.getStyleClass().add("thumb-picture");
        VBox tile = new VBox(4, pic);
        tile.getStyleClass().add("thumb");
        tile.setUserData(a);
        if (a.isPdf()) {
            Spinner<Integer> page = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, a.pageCount(), a.page()));
            page.getStyleClass().add("page-picker");
            page.setPrefWidth(80);
            page.valueProperty().addListener((o, old, now) -> vm.showPage(a, now));
            tile.getChildren().add(new HBox(6, Nodes.label("Page", "thumb-caption"), page,
                    Nodes.label("of " + a.pageCount(), "thumb-caption")));
            tile.getChildren().add(Nodes.label(a.source().getFileName().toString(), "thumb-caption"));
        } else {
            tile.getChildren().add(Nodes.label(a.label(), "thumb-caption"));
        }
        return tile;
    }
}
