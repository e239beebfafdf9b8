package dev.tessera.desktop.ui;

/** The views the navigation switches between (sidebar buttons, in this order). */
public enum AppView {
    CHAT("Chat"), CAPTION("Caption a folder"), MODELS("Models"), SETTINGS("Settings");

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
