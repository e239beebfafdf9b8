package dev.tessera.desktop.guard;

import java.util.List;

/**
 * The guard's word on one exchange.
 *
 * @param categories the hazard categories named by the guard ("S1 Violent Crimes"), for BLOCKED and WITHHELD
 * @param detail     one line for the tooltip (why unavailable, which model checked)
 */
public record GuardState(GuardStatus status, List<String> categories, String detail) {
    public GuardState {
        categories = categories == null ? List.of() : List.copyOf(categories);
        detail = detail == null ? "" : detail;
    }

    public static GuardState of(GuardStatus status) {
        return new GuardState(status, List.of(), "");
    }

    public static GuardState of(GuardStatus status, String detail) {
        return new GuardState(status, List.of(), detail);
    }

    /** True when the guard says this content must not be shown. */
    public boolean stops() {
        return status == GuardStatus.BLOCKED || status == GuardStatus.WITHHELD;
    }

    /** "Blocked: S1 Violent Crimes, S10 Hate". */
    public String text() {
        return categories.isEmpty() ? status.label() : status.label() + ": " + String.join(", ", categories);
    }
}
