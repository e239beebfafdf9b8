package dev.tessera.desktop.conversations;

import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.chat.ChatViewModel;
import dev.tessera.desktop.markdown.MarkdownExport;
import dev.tessera.desktop.store.AtomicFiles;
import dev.tessera.desktop.store.ConversationSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The sidebar's conversations: listed from disk at start, kept current as the chat saves; rename, delete, export. */
public final class ConversationListViewModel {
    private final AppServices app;
    private final ChatViewModel chat;
    private final ObservableList<ConversationSummary> items = FXCollections.observableArrayList();

    public ConversationListViewModel(AppServices app, ChatViewModel chat) {
        this.app = app;
        this.chat = chat;
        chat.recorder().onSaved(this::upsert);
    }

    public ObservableList<ConversationSummary> items() {
        return items;
    }

    public CompletableFuture<Void> refresh() {
        return CompletableFuture.supplyAsync(() -> app.conversations().list(), app.io())
                .thenAccept(list -> app.ui().execute(() -> items.setAll(list)));
    }

    void upsert(ConversationSummary s) {
        int i = indexOf(s.id());
        if (i >= 0) items.set(i, s);
        else items.add(s);
        FXCollections.sort(items, Comparator.comparingLong(ConversationSummary::updatedMs).reversed());
    }

    private int indexOf(String id) {
        for (int i = 0; i < items.size(); i++) if (items.get(i).id().equals(id)) return i;
        return -1;
    }

    public CompletableFuture<Void> open(ConversationSummary s) {
        if (s.id().equals(chat.conversationId())) return CompletableFuture.completedFuture(null);
        return chat.open(s.id());
    }

    public void rename(ConversationSummary s, String title) {
        String t = title.strip();
        if (t.isEmpty()) return;
        if (s.id().equals(chat.conversationId())) {
            chat.recorder().rename(t);
        } else {
            CompletableFuture.runAsync(() -> app.conversations().rename(s.id(), t), app.io()).thenRun(this::refresh);
        }
    }

    public CompletableFuture<Void> delete(ConversationSummary s) {
        if (s.id().equals(chat.conversationId())) chat.newChat();
        items.remove(s);
        app.engine().submit(() -> {
            app.engine().engine().forget(s.id());
            return null;
        });
        return CompletableFuture.runAsync(() -> app.conversations().delete(s.id()), app.io());
    }

    /** Writes the conversation as Markdown to {@code file}. */
    public CompletableFuture<Void> export(ConversationSummary s, Path file) {
        return CompletableFuture.runAsync(() -> app.conversations().load(s.id()).ifPresent(c ->
                AtomicFiles.write(file, MarkdownExport.of(c).getBytes(StandardCharsets.UTF_8))), app.io());
    }
}
