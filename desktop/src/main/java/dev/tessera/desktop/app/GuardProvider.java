package dev.tessera.desktop.app;

import dev.tessera.desktop.engine.Engines;

import dev.tessera.desktop.guard.Guard;
import dev.tessera.desktop.guard.GuardPolicy;
import dev.tessera.desktop.store.Settings;

/** Picks the guard for the current settings. */
@FunctionalInterface
public interface GuardProvider {
    Guard guardFor(Settings settings);

    /**
     * Off when the policy is off; unavailable (which blocks) when no guard model is chosen; else Llama Guard 3
     * from the chosen folder, one instance per folder so its model loads once.
     */
    GuardProvider DEFAULT = new GuardProvider() {
        private String folder;
        private Guard guard;

        @Override
        public synchronized Guard guardFor(Settings s) {
            if (s.guardPolicy() == GuardPolicy.OFF) return Guard.OFF;
            if (s.guardModel() == null || s.guardModel().isBlank()) return Guard.unavailable("no Llama Guard 3 model chosen (Settings)");
            if (!s.guardModel().equals(folder)) {
                if (guard instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // the old guard is being replaced: nothing to save
                    }
                }
                guard = Engines.guard(java.nio.file.Path.of(s.guardModel()));
                folder = s.guardModel();
            }
            return guard;
        }
    };
}
