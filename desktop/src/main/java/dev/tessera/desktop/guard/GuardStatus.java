package dev.tessera.desktop.guard;

/** Where one exchange stands with the safety check. */
public enum GuardStatus {
    /** the check is running */
    CHECKING("Checking…"),
    /** the guard model read the exchange and found nothing */
    SAFE("Checked: safe"),
    /** the question (text or image) was judged unsafe; nothing was generated */
    BLOCKED("Blocked"),
    /** the answer was judged unsafe and is not shown */
    WITHHELD("Answer withheld"),
    /** the user turned the guard off */
    OFF("Guard off"),
    /** a guard is wanted but none can run (no guard model, or it failed to load) */
    UNAVAILABLE("Guard unavailable");

    private final String label;

    GuardStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The style class of the badge that shows this state. */
    public String styleClass() {
        return "guard-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
