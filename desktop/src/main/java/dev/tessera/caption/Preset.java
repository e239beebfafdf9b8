package dev.tessera.caption;

import dev.tessera.engine.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ready-made captioning prompts of {@code tessera caption --preset}. */
public enum Preset {
    SHORT("short", "Write a one-sentence caption for this image."),
    DETAILED("detailed", "Describe this image in one detailed paragraph: the main subject, the setting, notable "
            + "objects, colours and lighting."),
    ALT_TEXT("alt-text", "Write alt text for this image for someone who cannot see it: one or two concise "
            + "sentences about what matters in it. Do not begin with \"Image of\" or \"Picture of\"."),
    KEYWORDS("keywords", "List 5 to 15 keywords for this image, most important first, separated by commas. "
            + "Reply with the keywords only.");

    /** Keywords longer than this are sentences the model wrote despite the prompt, not keywords. */
    private static final int MAX_KEYWORD_CHARS = 64;
    private static final int MAX_KEYWORDS = 50;

    private final String id;
    private final String prompt;

    Preset(String id, String prompt) {
        this.id = id;
        this.prompt = prompt;
    }

    public String id() {
        return id;
    }

    public String prompt() {
        return prompt;
    }

    public static Preset parse(String id) {
        for (Preset p : values()) if (p.id.equalsIgnoreCase(id.strip())) return p;
        throw new BadInputException("--preset " + id + ": use short, detailed, alt-text or keywords");
    }

    /**
     * The keywords in a reply to the keywords prompt: split at commas, semicolons and line breaks, list bullets
     * and numbering removed, duplicates (ignoring case) dropped, first spelling kept.
     */
    public static List<String> keywords(String reply) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String part : reply.split("[,;\\n\\r]+")) {
            String k = part.strip()
                    .replaceFirst("^(?:[-*\\u2022]+|\\d+[.)])\\s*", "") // "- cat", "* cat", "1. cat", "2) cat"
                    .replaceAll("^[\"'`]+|[\"'`.]+$", "")            // quotes, a final full stop
                    .strip();
            if (k.isEmpty() || k.length() > MAX_KEYWORD_CHARS) continue;
            seen.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
            if (seen.size() == MAX_KEYWORDS) break;
        }
        return new ArrayList<>(seen.values());
    }
}
