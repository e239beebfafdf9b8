package dev.tessera.guard;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the guard decided about one turn.
 *
 * @param kind              the decision (after the threshold)
 * @param categories        the violated categories the model named (empty unless unsafe)
 * @param unsafeProbability softmax over the whole vocabulary at the verdict step, entry {@code unsafe};
 *                          NaN when not computed (a stand-in classifier, or an error before the model ran)
 * @param safeProbability   the same distribution's entry {@code safe}
 * @param threshold         the P(unsafe) at or above which the verdict is unsafe
 * @param generatedText     what the model wrote after the verdict prefix, as decoded
 * @param reason            why, where the kind alone does not say: the parse problem, the error, or a
 *                          threshold that overrode the written verdict; null otherwise
 */
public record Verdict(Kind kind, List<Category> categories, double unsafeProbability, double safeProbability,
                      double threshold, String generatedText, String reason) {

    public enum Kind {
        SAFE, UNSAFE,
        /** The model wrote something that is not a verdict: treated as a failure (fail closed). */
        UNPARSEABLE,
        /** The guard could not run (not loaded, an image a text-only guard cannot see, an engine error). */
        ERROR;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A hazard category: its code (S1) and display name (Violent Crimes). */
    public record Category(String code, String name) {
        @Override
        public String toString() {
            return code + " " + name;
        }
    }

    public Verdict {
        categories = List.copyOf(categories);
    }

    public static Verdict error(String reason) {
        return new Verdict(Kind.ERROR, List.of(), Double.NaN, Double.NaN, Double.NaN, null, reason);
    }

    public boolean isSafe() {
        return kind == Kind.SAFE;
    }

    /** Unparseable or error: the guard did not give a usable answer. */
    public boolean isFailure() {
        return kind == Kind.UNPARSEABLE || kind == Kind.ERROR;
    }

    /** One line for people: "unsafe: S1 Violent Crimes, S10 Hate (P(unsafe) 0.973)". */
    public String summary() {
        StringBuilder sb = new StringBuilder(kind.id());
        if (!categories.isEmpty()) {
            sb.append(": ").append(categories.stream().map(Category::toString).collect(Collectors.joining(", ")));
        }
        if (!Double.isNaN(unsafeProbability)) sb.append(String.format(Locale.ROOT, " (P(unsafe) %.3f)", unsafeProbability));
        if (reason != null) sb.append(" - ").append(reason);
        return sb.toString();
    }
}
