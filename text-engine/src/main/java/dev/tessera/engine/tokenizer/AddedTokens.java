package dev.tessera.engine.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code added_tokens} of tokenizer.json ({@code <|begin_of_text|>}, {@code <|image|>}, ...): found in
 * the raw text before any splitting and turned into their single ids, as HF tokenizers do, so a special
 * token's text inside a user message also becomes that token. Matching is leftmost, then longest.
 *
 * <p>HF matches tokens with {@code normalized: false} first and normalized ones afterwards on the rest; with
 * no normalizer (the Llama 3 case) one leftmost-longest pass gives the same result unless two added tokens
 * overlap across the two groups, which no Llama tokenizer has.
 */
final class AddedTokens {
    record Added(String content, int id, boolean special) {}

    /** Where one added token was found in a text. */
    record Match(int start, int end, int id) {}

    private final List<Added> all;
    private final Map<String, Integer> ids = new HashMap<>();
    /** Candidates by first char, longest first, so the first hit at a position is the longest. */
    private final Map<Character, Added[]> byFirstChar = new HashMap<>();

    AddedTokens(List<Added> tokens) {
        all = List.copyOf(tokens);
        Map<Character, List<Added>> groups = new HashMap<>();
        for (Added a : all) {
            ids.put(a.content(), a.id());
            if (!a.content().isEmpty()) groups.computeIfAbsent(a.content().charAt(0), c -> new ArrayList<>()).add(a);
        }
        groups.forEach((c, list) -> {
            list.sort(Comparator.comparingInt((Added a) -> a.content().length()).reversed());
            byFirstChar.put(c, list.toArray(Added[]::new));
        });
    }

    List<Added> all() {
        return all;
    }

    /** Id of an added token given by its text. */
    java.util.OptionalInt id(String content) {
        Integer id = ids.get(content);
        return id == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(id);
    }

    /** The added tokens in {@code text}, in order; special ones only if {@code includeSpecial}. */
    List<Match> find(String text, boolean includeSpecial) {
        List<Match> found = new ArrayList<>();
        if (byFirstChar.isEmpty()) return found;
        int i = 0;
        while (i < text.length()) {
            Added hit = longestAt(text, i, includeSpecial);
            if (hit == null) {
                i++;
            } else {
                found.add(new Match(i, i + hit.content().length(), hit.id()));
                i += hit.content().length();
            }
        }
        return found;
    }

    private Added longestAt(String text, int i, boolean includeSpecial) {
        Added[] candidates = byFirstChar.get(text.charAt(i));
        if (candidates == null) return null;
        for (Added a : candidates) {
            if ((includeSpecial || !a.special()) && text.startsWith(a.content(), i)) return a;
        }
        return null;
    }
}
