package dev.tessera.desktop.guard;

/** What the guard checks. */
public enum GuardPolicy {
    OFF("Off"),
    INPUT("Check questions"),
    INPUT_AND_OUTPUT("Check questions and answers");

    private final String label;

    GuardPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
