package dev.tessera.desktop.chat;

import dev.tessera.desktop.attach.Attachment;
import dev.tessera.desktop.guard.GuardState;
import dev.tessera.desktop.guard.GuardStatus;
import dev.tessera.desktop.store.StoredMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One message on screen: its text grows while the answer streams; state, guard verdict and stats arrive after. */
public final class MessageViewModel {
    public enum Role { USER, ASSISTANT }

    private final String id;
    private final Role role;
    private final long createdMs;
    private final List<Attachment> images;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObjectProperty<MessageState> state = new SimpleObjectProperty<>(this, "state", MessageState.DONE);
    private final ObjectProperty<GuardState> guard = new SimpleObjectProperty<>(this, "guard", GuardState.of(GuardStatus.OFF));
    private final ObjectProperty<StoredMessage.Stats> stats = new SimpleObjectProperty<>(this, "stats");
    private final BooleanProperty hiddenUntilChecked = new SimpleBooleanProperty(this, "hiddenUntilChecked");

    MessageViewModel(String id, Role role, long createdMs, List<Attachment> images) {
        this.id = id;
        this.role = role;
        this.createdMs = createdMs;
        this.images = List.copyOf(images);
    }

    static MessageViewModel user(String text, List<Attachment> images) {
        MessageViewModel m = new MessageViewModel(UUID.randomUUID().toString(), Role.USER, System.currentTimeMillis(), images);
        m.text.set(text);
        return m;
    }

    static MessageViewModel assistant(GuardState initialGuard) {
        MessageViewModel m = new MessageViewModel(UUID.randomUUID().toString(), Role.ASSISTANT, System.currentTimeMillis(), List.of());
        m.state.set(MessageState.STREAMING);
        m.guard.set(initialGuard);
        return m;
    }

    public String id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public boolean isUser() {
        return role == Role.USER;
    }

    public List<Attachment> images() {
        return images;
    }

    public List<Path> imageFiles() {
        return images.stream().map(Attachment::imageFile).toList();
    }

    public StringProperty textProperty() {
        return text;
    }

    public String text() {
        return text.get();
    }

    public ObjectProperty<MessageState> stateProperty() {
        return state;
    }

    public MessageState state() {
        return state.get();
    }

    public ObjectProperty<GuardState> guardProperty() {
        return guard;
    }

    public ObjectProperty<StoredMessage.Stats> statsProperty() {
        return stats;
    }

    /** True while an answer streams that the guard must check before it is shown. */
    public BooleanProperty hiddenUntilCheckedProperty() {
        return hiddenUntilChecked;
    }

    void setHiddenUntilChecked(boolean hidden) {
        hiddenUntilChecked.set(hidden);
    }

    StoredMessage toStored() {
        List<StoredMessage.StoredImage> imgs = images.stream().map(a -> new StoredMessage.StoredImage(
                a.imageFile().toString(), a.kind() == Attachment.Kind.PASTED ? null : a.source().toString(), a.page(), a.pageCount())).toList();
        GuardState g = guard.get();
        return new StoredMessage(id, role == Role.USER ? "user" : "assistant", text.get(), imgs, createdMs, state.get().stored(),
                g.status().name(), g.categories(), g.detail(), stats.get());
    }

    static MessageViewModel fromStored(StoredMessage s) {
        List<Attachment> imgs = s.images().stream().map(i -> {
            Path file = Path.of(i.file());
            if (i.page() > 0 && i.source() != null) {
                return new Attachment(Attachment.Kind.PDF_PAGE, Path.of(i.source()), file, i.page(), i.pageCount());
            }
            return new Attachment(i.source() == null ? Attachment.Kind.PASTED : Attachment.Kind.IMAGE,
                    i.source() == null ? file : Path.of(i.source()), file, 0, 0);
        }).toList();
        MessageViewModel m = new MessageViewModel(s.id(), "user".equals(s.role()) ? Role.USER : Role.ASSISTANT, s.createdMs(), imgs);
        m.text.set(s.text());
        MessageState st = MessageState.ofStored(s.state());
        // an answer that was streaming when the app died is kept as far as it got
        m.state.set(st == MessageState.STREAMING ? MessageState.STOPPED : st);
        GuardStatus gs;
        try {
            gs = s.guard() == null ? GuardStatus.OFF : GuardStatus.valueOf(s.guard());
        } catch (IllegalArgumentException e) {
            gs = GuardStatus.OFF;
        }
        if (gs == GuardStatus.CHECKING) gs = GuardStatus.UNAVAILABLE;
        m.guard.set(new GuardState(gs, s.guardCategories(), s.guardDetail()));
        m.stats.set(s.stats());
        return m;
    }
}
