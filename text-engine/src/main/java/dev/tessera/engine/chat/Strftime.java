package dev.tessera.engine.chat;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Python's {@code strftime} for the templates' {@code strftime_now(format)} (Llama 3.1+ templates ask for
 * "%d %b %Y" to print "26 Jul 2024"), English names as in the C locale. Covers the common directives and
 * glibc's "-" flag ("%-d" = day without padding); an unknown directive is copied as is, like glibc does.
 */
final class Strftime {
    private Strftime() {}

    static String format(ZonedDateTime t, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            boolean noPad = format.charAt(i + 1) == '-' && i + 2 < format.length();
            char d = format.charAt(noPad ? i + 2 : i + 1);
            String s = switch (d) {
                case 'd' -> pad(t.getDayOfMonth(), 2, noPad);
                case 'm' -> pad(t.getMonthValue(), 2, noPad);
                case 'Y' -> Integer.toString(t.getYear());
                case 'y' -> pad(t.getYear() % 100, 2, noPad);
                case 'H' -> pad(t.getHour(), 2, noPad);
                case 'I' -> pad((t.getHour() + 11) % 12 + 1, 2, noPad);
                case 'M' -> pad(t.getMinute(), 2, noPad);
                case 'S' -> pad(t.getSecond(), 2, noPad);
                case 'j' -> pad(t.getDayOfYear(), 3, noPad);
                case 'p' -> t.getHour() < 12 ? "AM" : "PM";
                case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'e' -> String.format("%2d", t.getDayOfMonth());
                case '%' -> "%";
                default -> null;
            };
            if (s == null) {
                out.append(c);
                continue;
            }
            out.append(s);
            i += noPad ? 2 : 1;
        }
        return out.toString();
    }

    private static String pad(int value, int width, boolean noPad) {
        String s = Integer.toString(value);
        return noPad ? s : "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
