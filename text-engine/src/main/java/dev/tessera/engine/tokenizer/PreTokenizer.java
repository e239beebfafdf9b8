package dev.tessera.engine.tokenizer;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits ordinary text (the parts between added tokens) into the words that BPE encodes separately: the
 * {@code Split} stages of tokenizer.json's {@code pre_tokenizer}, in order, each with behaviour "Isolated"
 * (every regex match is a word, and so is every stretch of text between matches).
 *
 * <p>The Hugging Face patterns are written for Oniguruma with Unicode semantics. java.util.regex reads the
 * same syntax ({@code (?i:...)}, {@code \p{L}}, {@code \p{N}}, {@code {1,3}}, {@code (?!\S)}) and tries
 * alternatives in the same leftmost-first order; {@link #compile} adds the two flags that make the meaning
 * equal as well: {@code \s} must be Unicode White_Space (U+00A0, U+3000, ... - Java's default is ASCII only)
 * and {@code (?i)} must fold case the Unicode way. {@code UNICODE_CHARACTER_CLASS} gives both.
 */
final class PreTokenizer {
    /** GPT-2's pattern, used by a ByteLevel pre-tokenizer with {@code use_regex: true}. */
    static final String GPT2_PATTERN =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    /** One stage: a regex split, optionally preceded by ByteLevel's "add a space in front" rule. */
    record Stage(Pattern pattern, boolean addPrefixSpace) {}

    private final List<Stage> stages;

    PreTokenizer(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** Hands each word of {@code text}, in order, to {@code sink}. */
    void split(String text, Consumer<String> sink) {
        split(text, 0, sink);
    }

    private void split(String text, int stageIndex, Consumer<String> sink) {
        if (text.isEmpty()) return;
        if (stageIndex == stages.size()) {
            sink.accept(text);
            return;
        }
        Stage stage = stages.get(stageIndex);
        if (stage.addPrefixSpace() && text.charAt(0) != ' ') text = " " + text;
        if (stage.pattern() == null) {
            split(text, stageIndex + 1, sink);
            return;
        }
        Matcher m = stage.pattern().matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.end() == m.start()) continue; // an empty match splits nothing
            if (m.start() > last) split(text.substring(last, m.start()), stageIndex + 1, sink);
            split(text.substring(m.start(), m.end()), stageIndex + 1, sink);
            last = m.end();
        }
        if (last < text.length()) split(text.substring(last), stageIndex + 1, sink);
    }
}
