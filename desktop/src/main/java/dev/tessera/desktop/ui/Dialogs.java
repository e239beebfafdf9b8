package dev.tessera.desktop.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/** The window's questions to the user (file choosers, text input, confirmation); tests answer them with a script. */
public interface Dialogs {
    List<Path> chooseFiles(Window owner);

    Optional<Path> chooseFolder(Window owner, String title);

    Optional<Path> saveFile(Window owner, String title, String suggestedName);

    Optional<String> askText(Window owner, String title, String label, String initial);

    boolean confirm(Window owner, String title, String message);

    /** Opens a file with the desktop's default application (the results of a caption batch). */
    void open(Path file);
}
