package dev.tessera.desktop.engine;

import java.nio.file.Path;

/**
 * A loaded model as the window names it.
 *
 * @param demo   true for the random-weight demo model: its text is nonsense and the window says so everywhere
 * @param vision false for text-only models (they cannot read images)
 */
public record ModelDescription(Path dir, String name, boolean demo, boolean vision, long weightBytes, double loadMs) {
    /** The label shown in the window: the demo model is never shown without "random weights". */
    public String label() {
        if (!demo) return name;
        return (name.contains("random weights") ? name : name + " (random weights)") + ": answers are nonsense";
    }
}
