package dev.tessera.desktop.guard;

import java.util.Map;

/** The MLCommons hazard taxonomy Llama Guard 3 answers with ("unsafe\nS1,S10"), code to name. */
public final class GuardCategories {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("S1", "Violent Crimes"), Map.entry("S2", "Non-Violent Crimes"),
            Map.entry("S3", "Sex-Related Crimes"), Map.entry("S4", "Child Sexual Exploitation"),
            Map.entry("S5", "Defamation"), Map.entry("S6", "Specialized Advice"), Map.entry("S7", "Privacy"),
            Map.entry("S8", "Intellectual Property"), Map.entry("S9", "Indiscriminate Weapons"),
            Map.entry("S10", "Hate"), Map.entry("S11", "Suicide & Self-Harm"), Map.entry("S12", "Sexual Content"),
            Map.entry("S13", "Elections"), Map.entry("S14", "Code Interpreter Abuse"));

    private GuardCategories() {}

    /** "S10 Hate" for "S10"; an unknown code is returned as is. */
    public static String label(String code) {
        String name = NAMES.get(code.trim().toUpperCase(java.util.Locale.ROOT));
        return name == null ? code.trim() : code.trim().toUpperCase(java.util.Locale.ROOT) + " " + name;
    }
}
