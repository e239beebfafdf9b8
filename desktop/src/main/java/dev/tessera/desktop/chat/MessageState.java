package dev.tessera.desktop.chat;

import java.util.Locale;

/** Where a message stands; the lower-case name is what the conversation file stores. */
public enum MessageState {
    STREAMING, DONE, STOPPED, LENGTH, BLOCKED, WITHHELD, ERROR;

    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageState ofStored(String s) {
        if (s == null) return DONE;
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return DONE;
        }
    }

    /** An answer the model may see again in a follow-up (blocked, withheld and failed ones it may not). */
    public boolean isContext() {
        return this == DONE || this == STOPPED || this == LENGTH;
    }
}
