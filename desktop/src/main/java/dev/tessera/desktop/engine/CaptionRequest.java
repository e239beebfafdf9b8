package dev.tessera.desktop.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * A folder-captioning batch as the window describes it: plain values, turned into the engine's job by
 * {@link VlmCaptionEngine}. Saved as JSON while the batch is unfinished, so the app can offer to resume it.
 *
 * @param preset   short, detailed, alt-text or keywords; null when {@code prompt} is the user's own
 * @param sidecar  none, txt or xmp
 * @param maxTiles 1 = fast, 4 = fine detail
 * @param out      the results file (.jsonl or .csv)
 * @param resume   continue the batch in {@code out} (skip what it holds) rather than start it over
 * @param guard    the Llama Guard 3 folder that checks each photo first (null: no check)
 */
public record CaptionRequest(List<Path> folders, boolean recursive, String preset, String prompt, String sidecar,
                             int maxTiles, int maxTokens, Path out, boolean resume, Path model, WeightFormat weights,
                             Path guard) {
    public static final List<String> PRESETS = List.of("short", "detailed", "alt-text", "keywords");
    public static final List<String> SIDECARS = List.of("none", "txt", "xmp");

    public CaptionRequest {
        folders = List.copyOf(folders);
        if (weights == null) weights = WeightFormat.BF16;
    }

    public CaptionRequest resuming() {
        return new CaptionRequest(folders, recursive, preset, prompt, sidecar, maxTiles, maxTokens, out, true, model, weights, guard);
    }

    /** {@code captions.jsonl} beside the (first) folder: in its parent, named after it, never inside the photos. */
    public static Path defaultOut(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        Path parent = abs.getParent() == null ? abs : abs.getParent();
        String name = abs.getFileName() == null ? "captions" : abs.getFileName() + "-captions";
        return parent.resolve(name + ".jsonl");
    }
}
