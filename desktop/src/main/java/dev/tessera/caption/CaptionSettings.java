package dev.tessera.caption;

import dev.tessera.engine.generate.GenerationOptions;
import java.util.Locale;

/**
 * What decides a caption besides the image: model, prompt, tiles and sampling. A result row is reused on a
 * re-run only when all of them are the same ({@link #matches}); output choices (file format, sidecars) are
 * not part of it, so adding {@code --sidecar xmp} to a finished batch writes sidecars without re-captioning.
 *
 * @param model    {@link ModelId} of the captioning model
 * @param preset   the preset the prompt came from, or null for {@code --prompt} (informational only)
 * @param guard    id of the guard model that checks each image first, or null when there is none
 */
public record CaptionSettings(String model, String prompt, Preset preset, int maxTiles, GenerationOptions options,
                              String guard) {
    /** The preset name as a row records it ("custom" for {@code --prompt}). */
    public String presetName() {
        return preset == null ? "custom" : preset.id();
    }

    /**
     * The generation settings as one canonical string, e.g. {@code max_tiles=4 max_tokens=64 greedy}. With
     * temperature 0 top-p, top-k and seed change nothing, so they are left out and do not block a resume.
     */
    public String settingsKey() {
        StringBuilder s = new StringBuilder("max_tiles=" + maxTiles + " max_tokens=" + options.maxNewTokens());
        if (options.temperature() == 0) {
            s.append(" greedy");
        } else {
            s.append(String.format(Locale.ROOT, " temperature=%s top_p=%s top_k=%d seed=%d",
                    num(options.temperature()), num(options.topP()), options.topK(), options.seed()));
        }
        if (guard != null) s.append(" guard=").append(guard);
        return s.toString();
    }

    /** Whether a row was made with these settings (same model, prompt and generation settings). */
    public boolean matches(CaptionRow row) {
        return model.equals(row.model()) && prompt.equals(row.prompt()) && settingsKey().equals(row.settings());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
