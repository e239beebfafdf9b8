package dev.tessera.guard;

import dev.tessera.engine.BadInputException;
import java.util.Locale;

/** Whose turn the guard classifies: the last user turn (prompt classification) or the last answer. */
public enum GuardRole {
    /** The last turn is the user's: is the request safe to answer? */
    USER("User", "user"),
    /** The last turn is the assistant's: is the answer safe to show? */
    AGENT("Agent", "assistant");

    private final String label;
    private final String chatRole;

    GuardRole(String label, String chatRole) {
        this.label = label;
        this.chatRole = chatRole;
    }

    /** The word the prompt uses: {@code User} or {@code Agent}. */
    public String label() {
        return label;
    }

    /** The chat role of the turn classified: {@code user} or {@code assistant}. */
    public String chatRole() {
        return chatRole;
    }

    public static GuardRole parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "user" -> USER;
            case "agent", "assistant" -> AGENT;
            default -> throw new BadInputException("role \"" + s + "\": use user or agent");
        };
    }
}
