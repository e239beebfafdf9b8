package dev.tessera.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hazard categories the guard is asked about: code -> the text written into the prompt, in prompt order.
 * Llama Guard 3 1B and 11B-Vision were trained on S1-S13 with exactly these texts (the 8B's S14 is not one
 * of them); custom categories are passed to the chat template verbatim, as its {@code categories} variable.
 */
public record GuardCategories(Map<String, String> texts) {
    /** S1-S13 as they appear in the prompt (prompt-formats.md 4.1; not the model card's longer headings). */
    public static final GuardCategories DEFAULT = new GuardCategories(defaults());

    public GuardCategories {
        if (texts.isEmpty()) throw new BadInputException("the guard needs at least one category");
        texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts)); // key order is prompt order
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        String[] names = {"Violent Crimes.", "Non-Violent Crimes.", "Sex Crimes.", "Child Exploitation.",
                "Defamation.", "Specialized Advice.", "Privacy.", "Intellectual Property.", "Indiscriminate Weapons.",
                "Hate.", "Self-Harm.", "Sexual Content.", "Elections."};
        for (int i = 0; i < names.length; i++) m.put("S" + (i + 1), names[i]);
        return m;
    }

    public boolean isDefault() {
        return texts.equals(DEFAULT.texts);
    }

    public boolean has(String code) {
        return texts.containsKey(code);
    }

    /** A short display name: the first line of the category text without its final period. */
    public String name(String code) {
        String t = texts.get(code);
        if (t == null) return code;
        String first = t.strip().lines().findFirst().orElse(code).strip();
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    /** Reads a JSON object {"S1": "text", ...} (key order kept), e.g. for {@code --categories FILE}. */
    public static GuardCategories read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new BadInputException(file + ": expected a JSON object of category code -> text, e.g. {\"S1\": \"Violent Crimes.\"}");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!e.getValue().isTextual()) throw new BadInputException(file + ": category " + e.getKey() + " must be a string");
            m.put(e.getKey(), e.getValue().asText());
        }
        return new GuardCategories(m);
    }
}
