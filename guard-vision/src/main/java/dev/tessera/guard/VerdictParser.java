package dev.tessera.guard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the guard's answer: {@code safe}, or {@code unsafe} and a line of comma-separated category codes
 * (prompt-formats.md 4.4). Tolerant of what does not change the meaning - surrounding whitespace on every
 * line and code, blank lines, letter case, a code named twice - and strict about everything else: any other
 * text, an unknown code or a broken code list is {@link Verdict.Kind#UNPARSEABLE}, never an exception, so the
 * policy can fail closed. Codes the configuration excluded are dropped, and a verdict naming only excluded
 * categories is safe (llama-stack's rule).
 */
public final class VerdictParser {
    private static final Pattern CODE = Pattern.compile("[Ss]\\d{1,3}");

    private final GuardCategories categories;
    private final Set<String> excluded;

    public VerdictParser(GuardCategories categories, List<String> excluded) {
        this.categories = categories;
        this.excluded = Set.copyOf(excluded);
    }

    public VerdictParser(GuardSettings s) {
        this(s.categories(), s.excluded());
    }

    /** The written verdict alone (no probabilities: nothing for a threshold to decide). */
    public Verdict parse(String generated) {
        return parse(generated, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * The verdict, decided by {@code threshold} on {@code pUnsafe} when it is known: at or above it unsafe,
     * below it safe, whatever word the model wrote (0.5 reproduces the written word whenever the two tokens
     * hold most of the mass, as they do for a trained guard). Unparseable output stays unparseable.
     */
    public Verdict parse(String generated, double pUnsafe, double pSafe, double threshold) {
        String text = generated == null ? "" : generated.replace("\r\n", "\n").replace('\r', '\n');
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n", -1)) if (!strip(l).isEmpty()) lines.add(strip(l));
        if (lines.isEmpty()) return bad(generated, "the guard wrote nothing", pUnsafe, pSafe, threshold);
        String word = lines.getFirst().toLowerCase(Locale.ROOT);
        if (word.equals("safe")) {
            if (lines.size() > 1) return bad(generated, "'safe' followed by more text", pUnsafe, pSafe, threshold);
            return decide(Verdict.Kind.SAFE, List.of(), generated, pUnsafe, pSafe, threshold);
        }
        if (!word.equals("unsafe")) {
            return bad(generated, "expected 'safe' or 'unsafe', got '" + shorten(lines.getFirst()) + "'", pUnsafe, pSafe, threshold);
        }
        if (lines.size() > 2) return bad(generated, "more than a verdict and one line of categories", pUnsafe, pSafe, threshold);
        Set<String> codes = new LinkedHashSet<>();
        if (lines.size() == 2) {
            for (String raw : lines.get(1).split(",", -1)) {
                String c = strip(raw);
                if (c.isEmpty()) continue; // "S1, ,S2" or a trailing comma: nothing is lost
                if (!CODE.matcher(c).matches()) return bad(generated, "'" + shorten(c) + "' is not a category code", pUnsafe, pSafe, threshold);
                c = c.toUpperCase(Locale.ROOT);
                if (!categories.has(c)) return bad(generated, "unknown category " + c, pUnsafe, pSafe, threshold);
                codes.add(c);
            }
        }
        List<String> named = new ArrayList<>(codes);
        List<String> dropped = new ArrayList<>(named);
        named.removeAll(excluded);
        dropped.removeAll(named);
        if (named.isEmpty() && !dropped.isEmpty()) {
            return new Verdict(Verdict.Kind.SAFE, List.of(), pUnsafe, pSafe, threshold, generated,
                    "the guard named only excluded categories (" + String.join(",", dropped) + ")");
        }
        List<Verdict.Category> cats = named.stream().map(c -> new Verdict.Category(c, categories.name(c))).toList();
        return decide(Verdict.Kind.UNSAFE, cats, generated, pUnsafe, pSafe, threshold);
    }

    /**
     * Whether text generated so far may still become a verdict: its first word, once begun, is a prefix of
     * {@code safe} or {@code unsafe} (any case, after blank space), or it is complete and followed by more.
     * Used to stop decoding as soon as the answer is certain to be unparseable.
     */
    static boolean couldBeVerdict(String generatedSoFar) {
        String t = generatedSoFar.replace('\r', '\n');
        int a = 0;
        while (a < t.length() && isSpace(t.charAt(a))) a++;
        int b = a;
        while (b < t.length() && !isSpace(t.charAt(b))) b++;
        String word = t.substring(a, b).toLowerCase(Locale.ROOT);
        if (b < t.length()) return word.equals("safe") || word.equals("unsafe") || word.isEmpty();
        return "safe".startsWith(word) || "unsafe".startsWith(word);
    }

    private static Verdict decide(Verdict.Kind written, List<Verdict.Category> cats, String generated, double pUnsafe,
                                  double pSafe, double threshold) {
        String none = written == Verdict.Kind.UNSAFE && cats.isEmpty() ? "the guard named no category" : null;
        if (Double.isNaN(pUnsafe) || Double.isNaN(threshold)) return new Verdict(written, cats, pUnsafe, pSafe, threshold, generated, none);
        boolean unsafe = pUnsafe >= threshold;
        if (unsafe && written == Verdict.Kind.SAFE) {
            return new Verdict(Verdict.Kind.UNSAFE, List.of(), pUnsafe, pSafe, threshold, generated, String.format(Locale.ROOT,
                    "the guard wrote safe, but P(unsafe) %.3f is at or above the threshold %.3f", pUnsafe, threshold));
        }
        if (!unsafe && written == Verdict.Kind.UNSAFE) {
            return new Verdict(Verdict.Kind.SAFE, List.of(), pUnsafe, pSafe, threshold, generated, String.format(Locale.ROOT,
                    "the guard wrote unsafe%s, but P(unsafe) %.3f is below the threshold %.3f",
                    cats.isEmpty() ? "" : " (" + String.join(",", cats.stream().map(Verdict.Category::code).toList()) + ")",
                    pUnsafe, threshold));
        }
        return new Verdict(written, cats, pUnsafe, pSafe, threshold, generated, none);
    }

    private static Verdict bad(String generated, String why, double pUnsafe, double pSafe, double threshold) {
        return new Verdict(Verdict.Kind.UNPARSEABLE, List.of(), pUnsafe, pSafe, threshold, generated, why);
    }

    /** Strips every Unicode space (U+00A0 and zero-width spaces too, which Java's strip() keeps). */
    static String strip(String s) {
        int a = 0, b = s.length();
        while (a < b && isSpace(s.charAt(a))) a++;
        while (b > a && isSpace(s.charAt(b - 1))) b--;
        return s.substring(a, b);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200b' || c == '\ufeff';
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
