package dev.tessera.desktop.ui;

import dev.tessera.desktop.attach.FileKinds;
import java.io.File;
import javafx.application.HostServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The real dialogs: JavaFX file and folder choosers, a text input dialog, a confirmation alert, opening a file. */
public final class FxDialogs implements Dialogs {
    private final HostServices host;

    /** @param host the application's host services (opens files with the desktop's default application) */
    public FxDialogs(HostServices host) {
        this.host = host;
    }

    @Override
    public void open(Path file) {
        host.showDocument(file.toUri().toString());
    }

    @Override
    public List<Path> chooseFiles(Window owner) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Attach images or PDFs");
        List<String> patterns = new ArrayList<>();
        FileKinds.IMAGE_EXTENSIONS.forEach(e -> patterns.add("*." + e));
        patterns.add("*.pdf");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images and PDFs", patterns));
        List<File> files = fc.showOpenMultipleDialog(owner);
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(title);
        return Optional.ofNullable(dc.showDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> saveFile(Window owner, String title, String suggestedName) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName(suggestedName);
        return Optional.ofNullable(fc.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<String> askText(Window owner, String title, String label, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(null);
        d.setContentText(label);
        return d.showAndWait();
    }

    @Override
    public boolean confirm(Window owner, String title, String message) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(null);
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
