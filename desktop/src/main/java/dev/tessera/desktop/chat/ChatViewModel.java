package dev.tessera.desktop.chat;

import dev.tessera.desktop.app.AppServices;
import dev.tessera.desktop.app.Errors;
import dev.tessera.desktop.app.MemoryMeter;
import dev.tessera.desktop.attach.Attachment;
import dev.tessera.desktop.attach.AttachmentImporter;
import dev.tessera.desktop.engine.CancelToken;
import dev.tessera.desktop.engine.ChatRequest;
import dev.tessera.desktop.engine.ChatTurn;
import dev.tessera.desktop.engine.GenerationSettings;
import dev.tessera.desktop.guard.Guard;
import dev.tessera.desktop.guard.GuardPolicy;
import dev.tessera.desktop.guard.GuardState;
import dev.tessera.desktop.guard.GuardStatus;
import dev.tessera.desktop.markdown.CsvExtractor;
import dev.tessera.desktop.store.AtomicFiles;
import dev.tessera.desktop.store.Settings;
import dev.tessera.desktop.store.StoredMessage;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chat: pending attachments, the question being typed, the messages of the open conversation, and the one
 * answer that may be generating. Called on the UI thread; engine work goes to the engine thread, file work to the
 * I/O thread, and results come back through the UI executor. Every message is saved the moment it exists.
 */
public final class ChatViewModel {
    private final AppServices app;
    private final ConversationRecorder recorder;
    private final ObservableList<MessageViewModel> messages = FXCollections.observableArrayList();
    private final ObservableList<Attachment> attachments = FXCollections.observableArrayList();
    private final StringProperty input = new SimpleStringProperty(this, "input", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final IntegerProperty importing = new SimpleIntegerProperty(this, "importing");
    private final StringProperty notice = new SimpleStringProperty(this, "notice");
    private final StringProperty statusLine = new SimpleStringProperty(this, "statusLine", "");
    private final IntegerProperty maxTiles = new SimpleIntegerProperty(this, "maxTiles");
    private final BooleanBinding canSend;
    private CancelToken running;

    public ChatViewModel(AppServices app) {
        this.app = app;
        this.recorder = new ConversationRecorder(app, messages);
        maxTiles.set(app.settings().get().maxTiles());
        maxTiles.addListener((o, a, b) -> {
            if (app.settings().get().maxTiles() != b.intValue()) app.settings().update(s -> s.withMaxTiles(b.intValue()));
        });
        app.settings().property().addListener((o, a, b) -> {
            if (maxTiles.get() != b.maxTiles()) maxTiles.set(b.maxTiles());
        });
        canSend = Bindings.createBooleanBinding(() -> !busy.get() && app.engine().model() != null && importing.get() == 0
                        && (!input.get().isBlank() || !attachments.isEmpty()),
                busy, input, attachments, importing, app.engine().modelProperty());
    }

    public ObservableList<MessageViewModel> messages() { return messages; }
    public ObservableList<Attachment> attachments() { return attachments; }
    public StringProperty inputProperty() { return input; }
    public BooleanProperty busyProperty() { return busy; }
    public IntegerProperty importingProperty() { return importing; }
    public StringProperty noticeProperty() { return notice; }
    public StringProperty statusLineProperty() { return statusLine; }
    public IntegerProperty maxTilesProperty() { return maxTiles; }
    public BooleanBinding canSendProperty() { return canSend; }
    public ConversationRecorder recorder() { return recorder; }
    public String conversationId() { return recorder.id(); }
    public StringProperty titleProperty() { return recorder.titleProperty(); }

    /** Sends the typed question with the pending attachments. */
    public void send() {
        send(null);
    }

    private void send(String titleHint) {
        if (busy.get() || importing.get() > 0) return;
        if (app.engine().model() == null) {
            notice.set("Load a model first: open Models, or create the demo model.");
            return;
        }
        String q = input.get() == null ? "" : input.get().strip();
        if (q.isEmpty()) {
            if (attachments.isEmpty()) return;
            q = "Describe this image.";
        }
        recorder.begin(titleHint != null ? titleHint : q);
        MessageViewModel user = MessageViewModel.user(q, List.copyOf(attachments));
        attachments.clear();
        input.set("");
        notice.set(null);
        messages.add(user);
        answer(0);
    }

    /** Fills in a one-click prompt and sends it. */
    public void ask(QuickPrompt prompt) {
        String about = !attachments.isEmpty() ? attachments.getFirst().label() : null;
        input.set(prompt.prompt());
        send(about == null ? prompt.label() : prompt.label() + ": " + about);
    }

    /** Stops the answer being generated (Esc). */
    public void stop() {
        if (running != null) running.cancel();
    }

    /** Generates the last answer again (a new sample when the temperature is above 0). */
    public void regenerate() {
        if (busy.get() || messages.isEmpty() || messages.getLast().isUser() || app.engine().model() == null) return;
        messages.removeLast();
        answer(ThreadLocalRandom.current().nextLong());
    }

    public boolean canRegenerate(MessageViewModel m) {
        return !busy.get() && !messages.isEmpty() && messages.getLast() == m && !m.isUser();
    }

    private void answer(long seed) {
        Settings s = app.settings().get();
        GuardPolicy policy = s.guardPolicy();
        Guard guard = app.guards().guardFor(s);
        ChatRequest request = new ChatRequest(recorder.id(), turns(), new GenerationSettings(maxTiles.get(), s.maxTokens(),
                s.temperature(), s.topP(), seed, s.threads()));
        MessageViewModel reply = MessageViewModel.assistant(GuardState.of(policy == GuardPolicy.OFF ? GuardStatus.OFF : GuardStatus.CHECKING));
        reply.setHiddenUntilChecked(policy == GuardPolicy.INPUT_AND_OUTPUT);
        messages.add(reply);
        recorder.saveNow();
        busy.set(true);
        statusLine.set("Answering… (Esc stops)");
        CancelToken cancel = new CancelToken();
        running = cancel;
        StreamBuffer buffer = new StreamBuffer(app.ui(), piece -> {
            reply.textProperty().set(reply.text() + piece);
            recorder.saveSoon();
        });
        app.engine().submit(() -> ExchangeRunner.run(app.engine().engine(), request, guard, policy, buffer, cancel))
                .whenComplete((outcome, err) -> app.ui().execute(() -> finish(reply, buffer, outcome, err)));
    }

    private void finish(MessageViewModel reply, StreamBuffer buffer, ExchangeRunner.Outcome outcome, Throwable err) {
        buffer.flush();
        busy.set(false);
        running = null;
        if (!messages.contains(reply)) return; // another conversation was opened meanwhile; this one was saved then
        if (err != null) {
            reply.stateProperty().set(MessageState.ERROR);
            reply.textProperty().set((reply.text().isBlank() ? "" : reply.text() + "\n\n") + "**Error:** " + Errors.oneLine(err));
            if (reply.guardProperty().get().status() == GuardStatus.CHECKING) reply.guardProperty().set(GuardState.of(GuardStatus.UNAVAILABLE, "no answer to check"));
            statusLine.set("The answer failed: " + Errors.oneLine(err));
        } else {
            var r = outcome.reply();
            if (r != null) {
                reply.statsProperty().set(new StoredMessage.Stats(r.promptTokens(), r.generatedTokens(), r.imageEncodeMs(),
                        r.imageCacheHit(), r.prefillMs(), r.tokensPerSecond()));
                if (outcome.state() != MessageState.WITHHELD && !r.text().isEmpty()) reply.textProperty().set(r.text());
            }
            if (outcome.state() == MessageState.WITHHELD || outcome.state() == MessageState.BLOCKED) reply.textProperty().set("");
            reply.guardProperty().set(outcome.guard());
            reply.stateProperty().set(outcome.state());
            statusLine.set(StatusText.of(reply.statsProperty().get(), outcome.state()) + " · " + MemoryMeter.text(app.engine().model()));
        }
        recorder.saveNow();
    }

    /** The conversation as the model sees it: blocked, withheld and failed exchanges are left out. */
    List<ChatTurn> turns() {
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            MessageViewModel m = messages.get(i);
            if (m.isUser()) {
                boolean last = i == messages.size() - 1;
                MessageViewModel next = last ? null : messages.get(i + 1);
                boolean answered = next != null && !next.isUser() && next.state().isContext() && !next.text().isBlank();
                if (last || answered) turns.add(ChatTurn.user(m.text(), m.imageFiles()));
            } else if (m.state().isContext() && !m.text().isBlank() && !turns.isEmpty() && turns.getLast().role() == ChatTurn.Role.USER) {
                turns.add(ChatTurn.assistant(m.text()));
            }
        }
        return turns;
    }

    /** Writes the CSV found in an answer (a csv block or a table) to {@code file}. */
    public CompletableFuture<Void> saveCsv(MessageViewModel m, Path file) {
        String csv = CsvExtractor.extract(m.text());
        if (csv == null) return CompletableFuture.failedFuture(new IllegalArgumentException("this answer holds no CSV or table"));
        return CompletableFuture.runAsync(() -> AtomicFiles.write(file, csv.getBytes(StandardCharsets.UTF_8)), app.io())
                .whenComplete((v, err) -> app.ui().execute(() -> notice.set(err == null ? "Saved " + file.getFileName() : Errors.oneLine(err))));
    }

    // ---- attachments ----

    /** Imports dropped or chosen files (PDFs render their first page) on the I/O thread. */
    public CompletableFuture<Void> attachFiles(List<Path> files) {
        AttachmentImporter importer = new AttachmentImporter(recorder.filesDir());
        return background(() -> importer.importFiles(files), r -> {
            attachments.addAll(r.attachments());
            notice.set(r.refused().isEmpty() ? null : "Not attached: " + String.join("; ", r.refused()));
        });
    }

    /** Saves a pasted picture beside the conversation and attaches it. */
    public CompletableFuture<Void> attachPasted(BufferedImage image) {
        AttachmentImporter importer = new AttachmentImporter(recorder.filesDir());
        return background(() -> importer.importPasted(image), attachments::add);
    }

    /** Shows another page of an attached PDF. */
    public CompletableFuture<Void> showPage(Attachment pdf, int page) {
        if (!pdf.isPdf() || page == pdf.page() || page < 1 || page > pdf.pageCount()) return CompletableFuture.completedFuture(null);
        AttachmentImporter importer = new AttachmentImporter(recorder.filesDir());
        return background(() -> importer.withPage(pdf, page), a -> {
            int i = attachments.indexOf(pdf);
            if (i >= 0) attachments.set(i, a);
        });
    }

    public void remove(Attachment a) {
        attachments.remove(a);
    }

    private <T> CompletableFuture<Void> background(java.util.function.Supplier<T> work, java.util.function.Consumer<T> then) {
        importing.set(importing.get() + 1);
        return CompletableFuture.supplyAsync(work, app.io()).handle((v, err) -> {
            app.ui().execute(() -> {
                importing.set(importing.get() - 1);
                if (err != null) notice.set(Errors.oneLine(err));
                else then.accept(v);
            });
            return null;
        });
    }

    // ---- conversations ----

    /** Starts a new, empty chat (Ctrl+N); stops an answer in progress. */
    public void newChat() {
        if (busy.get()) {
            stop();
            recorder.saveNow(); // the answer so far; a streaming answer reopens as stopped
        }
        recorder.reset();
        messages.clear();
        attachments.clear();
        input.set("");
        notice.set(null);
        statusLine.set("");
    }

    /** Opens a saved conversation. */
    public CompletableFuture<Void> open(String id) {
        stop();
        return CompletableFuture.supplyAsync(() -> app.conversations().load(id), app.io()).thenAccept(found -> app.ui().execute(() -> {
            if (found.isEmpty()) {
                notice.set("That conversation is gone.");
                return;
            }
            newChat();
            recorder.adopt(found.get());
            found.get().messages().forEach(m -> messages.add(MessageViewModel.fromStored(m)));
        }));
    }
}
