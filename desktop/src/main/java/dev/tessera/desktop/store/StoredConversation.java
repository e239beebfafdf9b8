package dev.tessera.desktop.store;

import java.util.List;

/**
 * A conversation as saved in {@code conversations/ID.json}. Times are epoch milliseconds.
 *
 * @param model the model folder that answered (its name is shown; a later start may load it again)
 */
public record StoredConversation(int version, String id, String title, long createdMs, long updatedMs, String model,
                                 boolean demoModel, List<StoredMessage> messages) {
    public static final int VERSION = 1;

    public StoredConversation {
        messages = messages == null ? List.of() : List.copyOf(messages);
        title = title == null ? "" : title;
    }
}
