package dev.tessera.desktop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.desktop.guard.GuardPolicy;
import org.junit.jupiter.api.Test;

/** A guard model, once chosen, checks by default; the user's own choice of policy is kept after that. */
class SettingsGuardDefaultTest {
    @Test
    void choosingTheFirstGuardFolderTurnsCheckingOn() {
        Settings s = Settings.defaults();
        assertEquals(GuardPolicy.OFF, s.guardPolicy());
        assertEquals(GuardPolicy.INPUT_AND_OUTPUT, s.withGuardModel("/models/Llama-Guard-3-11B-Vision").guardPolicy());
    }

    @Test
    void aPolicyChosenByTheUserStays() {
        Settings checking = Settings.defaults().withGuardModel("/a");
        Settings off = new Settings(checking.threads(), checking.maxTiles(), checking.temperature(), checking.topP(),
                checking.maxTokens(), checking.model(), checking.guardModel(), GuardPolicy.OFF, checking.theme(),
                checking.weights());
        assertEquals(GuardPolicy.OFF, off.withGuardModel("/b").guardPolicy(), "another folder: still off");
        Settings inputOnly = new Settings(0, 4, 0.6, 0.9, 512, null, "/a", GuardPolicy.INPUT, "light", null);
        assertEquals(GuardPolicy.INPUT, inputOnly.withGuardModel("/b").guardPolicy());
        assertEquals(GuardPolicy.OFF, Settings.defaults().withGuardModel(null).guardPolicy(), "no folder: no check");
    }
}
