package dev.tessera.engine.config;

/**
 * {@code rope_scaling} of a Llama 3.x config. {@code type} "llama3" rescales low frequencies (long
 * wavelengths) by {@code factor} and blends the band between; "none" leaves the frequencies as they are.
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositionEmbeddings) {
    public static final RopeScaling NONE = new RopeScaling("none", 1, 1, 1, 0);

    static RopeScaling read(JsonFields text) {
        if (!text.has("rope_scaling")) return NONE;
        JsonFields r = text.object("rope_scaling");
        String type = r.text("rope_type", r.text("type", "default"));
        return switch (type) {
            case "llama3" -> new RopeScaling("llama3", r.number("factor"), r.number("low_freq_factor"),
                    r.number("high_freq_factor"), r.positiveInt("original_max_position_embeddings"));
            case "default" -> NONE;
            default -> throw r.bad("rope_type", "\"" + type + "\" is not supported (only llama3 and default)");
        };
    }
}
