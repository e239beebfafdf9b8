package dev.tessera.desktop.guard;

import java.nio.file.Path;
import java.util.List;

/**
 * A safety classifier for exchanges (Llama Guard 3 Vision once the guard module lands). Called on the engine's
 * background thread. Returns SAFE, BLOCKED / WITHHELD with categories, or UNAVAILABLE.
 * <p>The window knows only this interface: wiring the real guard is one adapter class implementing it over the
 * guard module's classifier (mapping its verdict and category names), returned by {@code GuardProvider.DEFAULT}
 * when the policy is on and a guard model is chosen. The tests render every state with a stand-in.
 */
public interface Guard {
    /** Checks a question before anything is generated; BLOCKED stops it. */
    GuardState checkQuestion(String question, List<Path> images);

    /** Checks an answer after it was generated; WITHHELD hides it. */
    GuardState checkAnswer(String question, List<Path> images, String answer);

    /** The guard when the policy is off. */
    Guard OFF = new Guard() {
        @Override
        public GuardState checkQuestion(String question, List<Path> images) {
            return GuardState.of(GuardStatus.OFF);
        }

        @Override
        public GuardState checkAnswer(String question, List<Path> images, String answer) {
            return GuardState.of(GuardStatus.OFF);
        }
    };

    /** A guard that cannot run, saying why. */
    static Guard unavailable(String why) {
        return new Guard() {
            @Override
            public GuardState checkQuestion(String question, List<Path> images) {
                return GuardState.of(GuardStatus.UNAVAILABLE, why);
            }

            @Override
            public GuardState checkAnswer(String question, List<Path> images, String answer) {
                return GuardState.of(GuardStatus.UNAVAILABLE, why);
            }
        };
    }
}
