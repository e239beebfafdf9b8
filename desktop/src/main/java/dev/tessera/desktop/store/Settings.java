package dev.tessera.desktop.store;

import dev.tessera.desktop.engine.WeightFormat;
import dev.tessera.desktop.guard.GuardPolicy;

/**
 * What the user chose, saved in {@code settings.json}.
 *
 * @param threads   kernel threads, 0 = all cores
 * @param maxTiles  4 = fine detail, 1 = fast
 * @param model     the model folder to load at start (null before the first choice)
 * @param guardModel the Llama Guard 3 folder (null = none chosen)
 * @param theme     "light" or "dark"
 * @param weights   the decoder weight format id ({@link WeightFormat#id()}); absent in older files = bf16
 */
public record Settings(int threads, int maxTiles, double temperature, double topP, int maxTokens, String model,
                       String guardModel, GuardPolicy guardPolicy, String theme, String weights) {
    public static Settings defaults() {
        return new Settings(0, 4, 0.6, 0.9, 512, null, null, GuardPolicy.OFF, "light", WeightFormat.BF16.id());
    }

    public Settings {
        if (guardPolicy == null) guardPolicy = GuardPolicy.OFF;
        if (theme == null) theme = "light";
        maxTiles = Math.clamp(maxTiles, 1, 4);
        if (maxTokens < 1) maxTokens = 512;
        threads = Math.max(0, threads);
        weights = WeightFormat.parse(weights).id();
    }

    /** Settings written before the weight format existed. */
    public Settings(int threads, int maxTiles, double temperature, double topP, int maxTokens, String model,
                    String guardModel, GuardPolicy guardPolicy, String theme) {
        this(threads, maxTiles, temperature, topP, maxTokens, model, guardModel, guardPolicy, theme, null);
    }

    public WeightFormat weightFormat() {
        return WeightFormat.parse(weights);
    }

    public Settings withWeights(WeightFormat w) {
        return new Settings(threads, maxTiles, temperature, topP, maxTokens, model, guardModel, guardPolicy, theme, w.id());
    }

    public Settings withModel(String dir) {
        return new Settings(threads, maxTiles, temperature, topP, maxTokens, dir, guardModel, guardPolicy, theme, weights);
    }

    /** The guard folder; choosing one where none was chosen turns checking on (the guard's default is on). */
    public Settings withGuardModel(String dir) {
        return new Settings(threads, maxTiles, temperature, topP, maxTokens, model, dir,
                policyAfterGuardChange(guardModel, dir, guardPolicy), theme, weights);
    }

    /**
     * A guard model is checked against by default: when a folder is chosen where none was and checking is off,
     * it becomes questions and answers. Turning it off later with the folder kept stays off.
     */
    public static GuardPolicy policyAfterGuardChange(String before, String after, GuardPolicy policy) {
        boolean chosenNow = (before == null || before.isBlank()) && after != null && !after.isBlank();
        return chosenNow && policy == GuardPolicy.OFF ? GuardPolicy.INPUT_AND_OUTPUT : policy;
    }

    public Settings withMaxTiles(int tiles) {
        return new Settings(threads, tiles, temperature, topP, maxTokens, model, guardModel, guardPolicy, theme, weights);
    }

    public Settings withTheme(String t) {
        return new Settings(threads, maxTiles, temperature, topP, maxTokens, model, guardModel, guardPolicy, t, weights);
    }
}
