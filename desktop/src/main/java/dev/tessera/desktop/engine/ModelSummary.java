package dev.tessera.desktop.engine;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a model folder holds and whether it fits, read before loading it.
 *
 * @param dtypes         e.g. "BF16 20.6 GiB"
 * @param bytesNeeded    weights + KV cache for an 8k context + one cached image + workspace
 * @param bytesAvailable physical memory of this machine
 * @param kind           what the folder is for
 */
public record ModelSummary(Path dir, String name, Kind kind, boolean demo, String architecture, long parameters,
                           long weightBytes, String dtypes, long bytesNeeded, long bytesAvailable) {
    public enum Kind { VISION, TEXT, GUARD }

    public boolean fits() {
        return bytesNeeded <= bytesAvailable;
    }

    /** The warning shown before loading, or null when it fits. */
    public String fitWarning() {
        if (fits()) return null;
        return "Will not fit: running it needs about " + gib(bytesNeeded) + " of memory and this machine has "
                + gib(bytesAvailable) + ". Loading would re-read the weights from disk for every token (minutes per word).";
    }

    public static String gib(long bytes) {
        if (bytes < (1L << 30)) return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    public String parametersText() {
        if (parameters >= 1_000_000_000L) return String.format(Locale.ROOT, "%.1f B parameters", parameters / 1e9);
        if (parameters >= 1_000_000L) return String.format(Locale.ROOT, "%.1f M parameters", parameters / 1e6);
        return String.format(Locale.ROOT, "%,d parameters", parameters);
    }
}
