package dev.tessera.desktop.ui;

/**
 * The views the navigation switches between. The batch-captioning view ("Caption folder", issue 7) joins here:
 * one constant and one case in {@link MainWindow#viewFor}.
 */
public enum AppView {
    CHAT("Chat"), MODELS("Models"), SETTINGS("Settings");

    private final String label;

    AppView(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String navId() {
        return "nav-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
