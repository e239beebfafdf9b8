package dev.tessera.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Python behaviour the templates rely on; expected values are Python 3.12's output. */
class PythonCompatTest {
    @Test
    void stripIsPythons() {
        assertEquals("x", PyStrings.strip("\u00a0\u3000 \t\u2007x\u202f\u001c\n", null));
        assertEquals("x\u200b", PyStrings.strip(" x\u200b ", null)); // zero-width space is not whitespace
        assertEquals("b", PyStrings.strip("aab a", "a "));
        assertEquals(List.of("a", "b", "c d"), PyStrings.split(" a  b c d ", null, 2));
        assertEquals(List.of("a", "", "b"), PyStrings.split("a,,b", ",", -1));
        assertEquals("Hello World'S", PyStrings.title("hello world's"));
    }

    @Test
    void jsonDumpsLikePython() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1, 2.5, true));
        m.put("a", null);
        m.put("s", "é \"q\"\n\u0001");
        assertEquals("{\"b\": [1, 2.5, true], \"a\": null, \"s\": \"é \\\"q\\\"\\n\\u0001\"}", PyJson.dumps(m, null, false));
        assertEquals("{\n  \"a\": null,\n  \"b\": [\n    1,\n    2.5,\n    true\n  ],\n  \"s\": \"é \\\"q\\\"\\n\\u0001\"\n}",
                PyJson.dumps(m, 2, true));
        assertEquals("{}", PyJson.dumps(Map.of(), 4, false));
        assertEquals("1e-05", PyJson.floatRepr(1e-5));
        assertEquals("0.0001", PyJson.floatRepr(1e-4));
        assertEquals("1e+16", PyJson.floatRepr(1e16));
        assertEquals("1234567890123456.0", PyJson.floatRepr(1234567890123456.0));
        assertEquals("-2.5e-07", PyJson.floatRepr(-2.5e-7));
        assertEquals("100.0", PyJson.floatRepr(100.0));
    }

    @Test
    void strftimeLikeTheCLocale() {
        ZonedDateTime t = ZonedDateTime.of(2024, 9, 5, 14, 7, 9, 0, ZoneOffset.UTC);
        assertEquals("05 Sep 2024", Strftime.format(t, "%d %b %Y"));
        assertEquals("5 September 24, Thursday 02:07:09 PM 249 %", Strftime.format(t, "%-d %B %y, %A %I:%M:%S %p %j %%"));
    }
}
