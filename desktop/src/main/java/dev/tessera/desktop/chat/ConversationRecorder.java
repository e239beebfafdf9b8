package dev.tessera.desktop.chat;

import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.app.Errors;
import dev.tessera.desktop.engine.ModelDescription;
import dev.tessera.desktop.store.ConversationSummary;
import dev.tessera.desktop.store.StoredConversation;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Keeps the open conversation on disk: a snapshot is taken on the UI thread whenever a message appears or
 * changes state, and while an answer streams at most every {@link #STREAM_SAVE_MS} ms; the I/O thread writes it
 * atomically. A kill loses at most the last fraction of a second of a streaming answer.
 */
public final class ConversationRecorder {
    static final long STREAM_SAVE_MS = 300;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final AppServices app;
    private final List<MessageViewModel> messages;
    private final StringProperty title = new SimpleStringProperty(this, "title", "New chat");
    private final List<Consumer<ConversationSummary>> savedListeners = new CopyOnWriteArrayList<>();
    private String id;
    private long createdMs;
    private long lastSaveMs;

    ConversationRecorder(AppServices app, List<MessageViewModel> messages) {
        this.app = app;
        this.messages = messages;
    }

    public String id() {
        return id;
    }

    public StringProperty titleProperty() {
        return title;
    }

    /** Called on the UI thread after each save with the conversation's sidebar entry. */
    public void onSaved(Consumer<ConversationSummary> listener) {
        savedListeners.add(listener);
    }

    /** A question is about to be asked: the conversation gets an id and, the first time, a title from it. */
    void begin(String question) {
        boolean fresh = id == null || messages.isEmpty() && "New chat".equals(title.get());
        ensureId();
        if (fresh) title.set(titleFrom(question));
    }

    /** The folder for this conversation's own images (it gets an id if it has none yet). */
    Path filesDir() {
        ensureId();
        return app.data().conversationFiles(id);
    }

    private void ensureId() {
        if (id != null) return;
        id = LocalDateTime.now().format(ID_TIME) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24));
        createdMs = System.currentTimeMillis();
    }

    void reset() {
        id = null;
        title.set("New chat");
    }

    void adopt(StoredConversation c) {
        id = c.id();
        createdMs = c.createdMs();
        title.set(c.title().isBlank() ? "Conversation" : c.title());
    }

    /** Renames the open conversation and saves it. */
    public void rename(String newTitle) {
        title.set(newTitle);
        if (id != null && !messages.isEmpty()) saveNow();
    }

    void saveSoon() {
        if (System.currentTimeMillis() - lastSaveMs >= STREAM_SAVE_MS) saveNow();
    }

    void saveNow() {
        if (id == null || messages.isEmpty()) return;
        lastSaveMs = System.currentTimeMillis();
        ModelDescription model = app.engine().model();
        StoredConversation snapshot = new StoredConversation(StoredConversation.VERSION, id, title.get(), createdMs, lastSaveMs,
                model == null ? null : model.dir().toString(), model != null && model.demo(),
                messages.stream().map(MessageViewModel::toStored).toList());
        ConversationSummary summary = new ConversationSummary(id, snapshot.title(), snapshot.updatedMs(), snapshot.messages().size());
        try {
            app.io().execute(() -> {
                try {
                    app.conversations().save(snapshot);
                    app.ui().execute(() -> savedListeners.forEach(l -> l.accept(summary)));
                } catch (RuntimeException e) {
                    System.err.println("tessera: " + Errors.oneLine(e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the app is shutting down; what was saved before stays
        }
    }

    static String titleFrom(String question) {
        String t = question.strip().replaceAll("\\s+", " ");
        if (t.length() > 48) t = t.substring(0, 47).strip() + "…";
        return t.isEmpty() ? "Image question" : t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1);
    }
}
