package dev.tessera.desktop.app;

import dev.tessera.desktop.guard.Guard;
import dev.tessera.desktop.guard.GuardPolicy;
import dev.tessera.desktop.store.Settings;

/** Picks the guard for the current settings. */
@FunctionalInterface
public interface GuardProvider {
    Guard guardFor(Settings settings);

    /**
     * This build's guard: off when the policy is off, else unavailable with the reason - the Llama Guard 3 runner
     * (the guard-vision module) is not in this build yet, so no exchange is ever shown as "checked" when it was not.
     */
    GuardProvider DEFAULT = s -> {
        if (s.guardPolicy() == GuardPolicy.OFF) return Guard.OFF;
        if (s.guardModel() == null || s.guardModel().isBlank()) return Guard.unavailable("no Llama Guard 3 model chosen (Settings)");
        return Guard.unavailable("the Llama Guard 3 runner is not part of this build yet");
    };
}
