package dev.tessera.guard;

/** Progress of a guarded exchange, for a window or a terminal; every method has a do-nothing default. */
public interface ExchangeListener {
    enum Phase { CHECKING_INPUT, ANSWERING, CHECKING_OUTPUT }

    ExchangeListener NONE = new ExchangeListener() {};

    default void phase(Phase phase) {}

    default void inputChecked(GuardResult result) {}

    /**
     * A piece of the answer as the main model writes it. {@code provisional} is true under the block policy:
     * the output check has not run yet, so show the text as pending (or not at all); if the check fails the
     * exchange ends {@link Exchange.Outcome#ANSWER_WITHHELD} and the text must be taken back.
     */
    default void answerText(String piece, boolean provisional) {}

    default void outputChecked(GuardResult result) {}
}
