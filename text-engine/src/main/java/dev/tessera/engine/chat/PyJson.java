package dev.tessera.engine.chat;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Python's {@code json.dumps}, which transformers installs as the templates' {@code tojson} filter
 * ({@code ensure_ascii=False}): ", " and ": " separators, or with {@code indent} one item per line; non-ASCII
 * kept as is; floats written like Python's {@code repr}. Jinjava's own tojson writes compact JSON, which
 * changes tool-calling prompts.
 */
final class PyJson {
    private PyJson() {}

    static String dumps(Object value, Integer indent, boolean sortKeys) {
        StringBuilder out = new StringBuilder();
        write(out, value, indent, sortKeys, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object v, Integer indent, boolean sortKeys, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            out.append(floatRepr(((Number) v).doubleValue()));
        } else if (v instanceof BigDecimal d) {
            out.append(floatRepr(d.doubleValue()));
        } else if (v instanceof Number n) {
            out.append(n.toString());
        } else if (v instanceof Map<?, ?> map) {
            Map<?, ?> m = sortKeys ? new TreeMap<>(map) : map;
            if (m.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                separator(out, first, indent, depth + 1);
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue(), indent, sortKeys, depth + 1);
            }
            close(out, indent, depth);
            out.append('}');
        } else if (v instanceof Collection<?> || v instanceof Object[]) {
            Collection<?> items = v instanceof Object[] array ? List.of(array) : (Collection<?>) v;
            if (items.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                separator(out, first, indent, depth + 1);
                first = false;
                write(out, item, indent, sortKeys, depth + 1);
            }
            close(out, indent, depth);
            out.append(']');
        } else {
            string(out, v.toString());
        }
    }

    private static void separator(StringBuilder out, boolean first, Integer indent, int depth) {
        if (indent == null) {
            if (!first) out.append(", ");
        } else {
            if (!first) out.append(',');
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private static void close(StringBuilder out, Integer indent, int depth) {
        if (indent != null) out.append('\n').append(" ".repeat(indent * depth));
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** Python {@code repr(float)}: shortest digits; exponent form below 1e-4 or from 1e16, as "1e-05". */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1; // d = x.yyy * 10^exponent
        if (exponent < -4 || exponent >= 16) {
            String digits = shortest.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format("%02d", Math.abs(exponent));
        }
        String plain = shortest.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
