package dev.tessera.desktop.support;

import dev.tessera.desktop.app.GuardProvider;
import dev.tessera.desktop.guard.Guard;
import dev.tessera.desktop.guard.GuardCategories;
import dev.tessera.desktop.guard.GuardPolicy;
import dev.tessera.desktop.guard.GuardState;
import dev.tessera.desktop.guard.GuardStatus;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in classifier (the Llama Guard 3 runner is not in the build yet): questions mentioning a pipe bomb are
 * S9, answers giving a home address are S7, everything else is safe.
 */
public final class StandInGuard implements Guard {
    /** Off when the policy is off; unavailable without a guard model; else this stand-in. */
    public static final GuardProvider PROVIDER = s -> s.guardPolicy() == GuardPolicy.OFF ? Guard.OFF
            : s.guardModel() == null ? Guard.unavailable("no Llama Guard 3 model chosen (Settings)") : new StandInGuard();

    @Override
    public GuardState checkQuestion(String question, List<Path> images) {
        if (question.toLowerCase().contains("pipe bomb")) {
            return new GuardState(GuardStatus.BLOCKED, List.of(GuardCategories.label("S9")), "stand-in guard");
        }
        return GuardState.of(GuardStatus.SAFE, "stand-in guard");
    }

    @Override
    public GuardState checkAnswer(String question, List<Path> images, String answer) {
        if (answer.toLowerCase().contains("home address")) {
            return new GuardState(GuardStatus.WITHHELD, List.of(GuardCategories.label("S7")), "stand-in guard");
        }
        return GuardState.of(GuardStatus.SAFE, "stand-in guard");
    }
}
