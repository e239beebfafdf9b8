package dev.tessera.guard;

import java.util.List;

/**
 * How a guarded exchange ended.
 *
 * @param input      the input check (null under the off policy)
 * @param output     the output check (null when it did not run: off, input blocked, cancelled)
 * @param answerText the answer to show; null when blocked or withheld
 * @param reply      what the main model returned, also when withheld (for timings); null if it never ran
 * @param notice     what to tell the user instead of, or besides, the answer; null when there is nothing
 * @param warnings   findings that did not block (warn policy)
 */
public record Exchange(Outcome outcome, GuardPolicy policy, GuardResult input, GuardResult output, String answerText,
                       Responder.Reply reply, String notice, List<String> warnings) {
    public enum Outcome {
        ANSWERED,
        /** Block policy: the question was unsafe or could not be checked; the main model never saw it. */
        INPUT_BLOCKED,
        /** Block policy: the answer was unsafe or could not be checked; it is not shown. */
        ANSWER_WITHHELD,
        CANCELLED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Exchange {
        warnings = List.copyOf(warnings);
    }

    public boolean blocked() {
        return outcome == Outcome.INPUT_BLOCKED || outcome == Outcome.ANSWER_WITHHELD;
    }
}
