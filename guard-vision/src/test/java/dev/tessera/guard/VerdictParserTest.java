package dev.tessera.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tessera.guard.Verdict.Kind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerdictParserTest {
    private final VerdictParser parser = new VerdictParser(GuardCategories.DEFAULT, List.of());

    @Test
    void wellFormed() {
        Verdict safe = parser.parse("safe");
        assertEquals(Kind.SAFE, safe.kind());
        assertTrue(safe.categories().isEmpty());
        Verdict unsafe = parser.parse("unsafe\nS1,S10");
        assertEquals(Kind.UNSAFE, unsafe.kind());
        assertEquals(List.of(new Verdict.Category("S1", "Violent Crimes"), new Verdict.Category("S10", "Hate")), unsafe.categories());
        assertEquals("unsafe: S1 Violent Crimes, S10 Hate", unsafe.summary());
        assertEquals("S13 Elections", parser.parse("unsafe\nS13").categories().getFirst().toString());
    }

    /** Spacing, case, repeats and blank lines change nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"unsafe\nS1,S10", "  unsafe \n S1 , S10 \n", "\n\nunsafe\n\nS1,S10\n", "UNSAFE\ns1,s10",
            "unsafe\r\nS1,S10", "unsafe\nS1,S10,S1", "unsafe\nS1,,S10,", "\u00a0unsafe\u00a0\nS1,\u3000S10", "unsafe\nS1, S10, S10"})
    void unusualButClear(String text) {
        Verdict v = parser.parse(text);
        assertEquals(Kind.UNSAFE, v.kind(), v.summary());
        assertEquals(List.of("S1", "S10"), v.categories().stream().map(Verdict.Category::code).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {" safe ", "\n\nsafe\n", "Safe", "safe\n\n\n"})
    void unusualSafe(String text) {
        assertEquals(Kind.SAFE, parser.parse(text).kind());
    }

    /** Everything else is unreadable, never an exception, and says why. */
    static Stream<Arguments> malformedOutputs() {
        return Stream.of(
                arguments("", "wrote nothing"),
                arguments("   \n  ", "wrote nothing"),
                arguments("safety", "expected 'safe' or 'unsafe'"),
                arguments("unsafe S1", "expected 'safe' or 'unsafe'"),
                arguments("I cannot help with that.", "expected 'safe' or 'unsafe'"),
                arguments("safe\nS1", "'safe' followed by more text"),
                arguments("unsafe\nS14", "unknown category S14"),
                arguments("unsafe\nS0", "unknown category S0"),
                arguments("unsafe\nS1,X2", "'X2' is not a category code"),
                arguments("unsafe\nS1,S", "'S' is not a category code"),
                arguments("unsafe\nS1;S2", "'S1;S2' is not a category code"),
                arguments("unsafe\nS1\nS2", "more than a verdict"),
                arguments("<|eot_id|>", "expected 'safe' or 'unsafe'"));
    }

    /** Everything else is unreadable, never an exception, and says why. */
    @ParameterizedTest
    @MethodSource("malformedOutputs")
    void malformed(String text, String why) {
        Verdict v = parser.parse(text);
        assertEquals(Kind.UNPARSEABLE, v.kind(), v.summary());
        assertTrue(v.reason().contains(why), v.reason());
        assertTrue(v.isFailure());
    }

    @Test
    void nullIsUnparseable() {
        assertEquals(Kind.UNPARSEABLE, parser.parse(null).kind());
    }

    @Test
    void unsafeWithoutCodesIsStillUnsafe() {
        Verdict v = parser.parse("unsafe");
        assertEquals(Kind.UNSAFE, v.kind());
        assertTrue(v.reason().contains("no category"));
    }

    @Test
    void excludedCodesAreDropped() {
        VerdictParser p = new VerdictParser(GuardCategories.DEFAULT, List.of("S2", "S7"));
        assertEquals(List.of("S1"), p.parse("unsafe\nS1,S7").categories().stream().map(Verdict.Category::code).toList());
        Verdict onlyExcluded = p.parse("unsafe\nS7", 0.9, 0.05, 0.5);
        assertEquals(Kind.SAFE, onlyExcluded.kind());
        assertTrue(onlyExcluded.reason().contains("only excluded"));
    }

    @Test
    void thresholdDecides() {
        assertEquals(Kind.UNSAFE, parser.parse("unsafe\nS1", 0.9, 0.1, 0.5).kind());
        assertEquals(Kind.SAFE, parser.parse("safe", 0.1, 0.9, 0.5).kind());
        assertEquals(Kind.UNSAFE, parser.parse("unsafe\nS1", 0.5, 0.5, 0.5).kind(), "at the threshold is unsafe");
        Verdict stricter = parser.parse("safe", 0.3, 0.7, 0.2);
        assertEquals(Kind.UNSAFE, stricter.kind());
        assertTrue(stricter.categories().isEmpty());
        assertTrue(stricter.reason().contains("at or above the threshold"), stricter.reason());
        Verdict laxer = parser.parse("unsafe\nS1", 0.6, 0.4, 0.8);
        assertEquals(Kind.SAFE, laxer.kind());
        assertTrue(laxer.reason().contains("below the threshold"), laxer.reason());
        assertEquals(Kind.UNPARSEABLE, parser.parse("maybe", 0.99, 0.0, 0.5).kind(), "a threshold never rescues unreadable output");
        assertEquals(0.6, laxer.unsafeProbability());
    }

    /** Decoding stops early only once the first word can no longer be safe or unsafe. */
    @Test
    void couldBeVerdictWhileDecoding() {
        for (String ok : new String[] {"", "\n", "  ", "s", "sa", "saf", "safe", "un", "Unsa", "unsafe", "unsafe\n", "unsafe\nS1,", "safe\n", " safe"}) {
            assertTrue(VerdictParser.couldBeVerdict(ok), "'" + ok + "' may still be a verdict");
        }
        for (String bad : new String[] {"zwischen", "safes", "unsafety", "x", "sure, here", "sa fe", "\u00e9"}) {
            assertFalse(VerdictParser.couldBeVerdict(bad), "'" + bad + "' cannot become a verdict");
        }
    }
}
