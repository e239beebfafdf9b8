package dev.tessera.guard;

import dev.tessera.engine.BadInputException;
import java.util.Locale;

/** What a guarded exchange does with the guard's verdicts. */
public enum GuardPolicy {
    /**
     * The default whenever a guard model is configured. An unsafe question never reaches the main model; an
     * unsafe answer is withheld; a guard that cannot load or answers something unreadable blocks too (fail
     * closed): nothing passes unchecked.
     */
    BLOCK,
    /** Both checks run and every finding - unsafe, or a guard failure - is shown, but nothing is withheld. */
    WARN,
    /** No checks: the guard model is not even loaded. */
    OFF;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GuardPolicy parse(String s) {
        for (GuardPolicy p : values()) if (p.id().equalsIgnoreCase(s)) return p;
        throw new BadInputException("guard policy \"" + s + "\": use block, warn or off");
    }

    /** {@code requested}, or the default: block with a guard model, off without one. */
    public static GuardPolicy resolve(GuardPolicy requested, boolean guardConfigured) {
        if (requested == null) return guardConfigured ? BLOCK : OFF;
        if (requested != OFF && !guardConfigured) {
            throw new BadInputException("guard policy " + requested.id() + " needs a guard model (--guard-model DIR)");
        }
        return requested;
    }
}
