package dev.tessera.desktop.support;

import dev.tessera.desktop.ui.Dialogs;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/** Dialog answers set by the test; a question with no answer queued returns "cancelled". */
public final class ScriptedDialogs implements Dialogs {
    public final Deque<Path> files = new ArrayDeque<>();
    public final Deque<String> texts = new ArrayDeque<>();
    public volatile boolean confirmAnswer = true;
    /** The messages of the confirmations asked, in order. */
    public final List<String> confirmations = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public List<Path> chooseFiles(Window owner) {
        Path p = files.poll();
        return p == null ? List.of() : List.of(p);
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title) {
        return Optional.ofNullable(files.poll());
    }

    @Override
    public Optional<Path> saveFile(Window owner, String title, String suggestedName) {
        return Optional.ofNullable(files.poll());
    }

    @Override
    public Optional<String> askText(Window owner, String title, String label, String initial) {
        return Optional.ofNullable(texts.poll());
    }

    /** Files the window asked the desktop to open. */
    public final List<Path> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void open(Path file) {
        opened.add(file);
    }

    @Override
    public boolean confirm(Window owner, String title, String message) {
        confirmations.add(message);
        return confirmAnswer;
    }
}
