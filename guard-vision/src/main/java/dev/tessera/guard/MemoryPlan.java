package dev.tessera.guard;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.config.ModelConfig;
import dev.tessera.mllama.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What running a main model with a guard needs. Two 11B models (about 21 GB of bf16 weights each) do not fit
 * everywhere; since weights are memory-mapped and paged in on demand, they can also run one after the other
 * in the memory of the larger one, paying for it by paging the guard's weights in again for each check.
 *
 * @param mainBytes       the main model alone ({@link ModelInfo#bytesNeeded}: weights, KV cache, one image, workspace)
 * @param guardBytes      the guard alone, with a context for the guard prompt around the conversation
 * @param bothBytes       both resident at once (one process: the workspace counted once)
 * @param oneAtATimeBytes the larger of the two: what guard-then-main-then-guard needs
 * @param guardWeightBytes what each guard check pages in again when running one at a time
 */
public record MemoryPlan(long mainBytes, long guardBytes, long bothBytes, long oneAtATimeBytes, long guardWeightBytes,
                         long machineBytes) {
    /** Guard prompt around the conversation: instructions, the category list, the role lines. */
    static final int GUARD_PROMPT_TOKENS = 256;
    private static final long WORKSPACE = 512L << 20; // as ModelInfo.bytesNeeded counts it

    public enum Residency {
        /** Both models stay open; their pages stay resident when memory allows. */
        BOTH,
        /** The guard is closed after every check, so only one model's weights are needed at a time. */
        ONE_AT_A_TIME;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** auto (null: decided by the plan), both, one-at-a-time. */
        public static Residency parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "auto" -> null;
                case "both" -> BOTH;
                case "one-at-a-time" -> ONE_AT_A_TIME;
                default -> throw new BadInputException("guard memory \"" + s + "\": use auto, both or one-at-a-time");
            };
        }
    }

    public static MemoryPlan of(ModelConfig mainCfg, ModelInfo main, ModelConfig guardCfg, ModelInfo guard,
                                int contextTokens, long machineBytes) {
        long m = main.bytesNeeded(mainCfg, contextTokens, 1);
        long g = guard.bytesNeeded(guardCfg, contextTokens + GUARD_PROMPT_TOKENS, guardCfg.isVision() ? 1 : 0);
        return new MemoryPlan(m, g, m + g - WORKSPACE, Math.max(m, g), guard.weightBytes(), machineBytes);
    }

    public boolean bothFit() {
        return bothBytes <= machineBytes;
    }

    public boolean oneAtATimeFits() {
        return oneAtATimeBytes <= machineBytes;
    }

    /** Both when they fit, else one at a time. */
    public Residency recommended() {
        return bothFit() ? Residency.BOTH : Residency.ONE_AT_A_TIME;
    }

    /** Lines for {@code tessera inspect} and the app's model panel. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("main model alone:       about " + ModelInfo.gib(mainBytes));
        out.add("guard model alone:      about " + ModelInfo.gib(guardBytes));
        out.add("both resident:          about " + ModelInfo.gib(bothBytes) + (bothFit() ? "  (fits)" : "  -- does not fit in " + ModelInfo.gib(machineBytes)));
        out.add("one after the other:    about " + ModelInfo.gib(oneAtATimeBytes)
                + (oneAtATimeFits() ? "  (fits" + (bothFit() ? ")" : "; each guard check pages about " + ModelInfo.gib(guardWeightBytes)
                + " of guard weights in again, from disk when the page cache cannot keep them)")
                : "  -- does not fit either: weights would be re-read from disk for every token"));
        out.add("recommended:            --guard-memory " + recommended().id());
        return out;
    }
}
