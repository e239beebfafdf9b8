package dev.tessera.desktop.engine;

import java.util.Locale;

/**
 * How the text decoder's matrices are held once a model is loaded (Settings → Decoder weights). BF16 reads the
 * checkpoint as it is; Q8_0 and Q4_0 are llama.cpp's block formats, made on the first load (which takes a while for
 * the 11B) and cached, then faster per token with slightly different answers.
 */
public enum WeightFormat {
    BF16("bf16", "BF16 (exact)"), Q8_0("q8_0", "Q8_0"), Q4_0("q4_0", "Q4_0");

    private final String id;
    private final String label;

    WeightFormat(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** As settings.json and {@code tessera --quant} spell it. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The format for a saved id; unknown or missing ids read as BF16, so an old settings file still loads. */
    public static WeightFormat parse(String id) {
        if (id == null) return BF16;
        for (WeightFormat w : values()) if (w.id.equals(id.strip().toLowerCase(Locale.ROOT))) return w;
        return BF16;
    }
}
