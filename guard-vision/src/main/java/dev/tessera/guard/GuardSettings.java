package dev.tessera.guard;

import dev.tessera.engine.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the guard is asked and how its answer decides.
 *
 * @param excluded      category codes left out of the prompt (not renumbered), e.g. S2, S7
 * @param threshold     P(unsafe) at or above which a verdict is unsafe; 0.5 reproduces the greedy verdict
 * @param maxNewTokens  verdict budget: {@code unsafe\nS1,S2,...} plus end of turn; more means truncated
 * @param maxTiles      tiles per image for the guard's own vision encoder (the model card allows up to 4)
 */
public record GuardSettings(Framing framing, GuardCategories categories, List<String> excluded, double threshold,
                            int maxNewTokens, int maxTiles) {
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** Enough for about ten category codes; a safe verdict stops after two tokens anyway. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 24;

    public GuardSettings {
        excluded = List.copyOf(excluded);
        for (String code : excluded) {
            if (!categories.has(code)) {
                throw new BadInputException("excluded category " + code + " is not one of " + String.join(",", categories.texts().keySet()));
            }
        }
        if (!(threshold > 0 && threshold <= 1)) throw new BadInputException("guard threshold must be in (0, 1], got " + threshold);
        if (maxNewTokens < 2) throw new BadInputException("the guard needs at least 2 new tokens for a verdict");
        if (maxTiles < 1) throw new BadInputException("guard tiles must be at least 1");
    }

    public static GuardSettings defaults() {
        return new GuardSettings(Framing.HF_CHAT_TEMPLATE, GuardCategories.DEFAULT, List.of(), DEFAULT_THRESHOLD,
                DEFAULT_MAX_NEW_TOKENS, 4);
    }

    public GuardSettings withFraming(Framing f) {
        return new GuardSettings(f, categories, excluded, threshold, maxNewTokens, maxTiles);
    }

    public GuardSettings withCategories(GuardCategories c) {
        return new GuardSettings(framing, c, excluded, threshold, maxNewTokens, maxTiles);
    }

    public GuardSettings withExcluded(List<String> codes) {
        return new GuardSettings(framing, categories, codes, threshold, maxNewTokens, maxTiles);
    }

    public GuardSettings withThreshold(double t) {
        return new GuardSettings(framing, categories, excluded, t, maxNewTokens, maxTiles);
    }

    public GuardSettings withMaxTiles(int tiles) {
        return new GuardSettings(framing, categories, excluded, threshold, maxNewTokens, tiles);
    }

    /** The categories actually in the prompt. */
    public List<String> activeCodes() {
        List<String> out = new ArrayList<>(categories.texts().keySet());
        out.removeAll(excluded);
        return out;
    }
}
