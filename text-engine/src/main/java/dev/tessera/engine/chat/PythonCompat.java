package dev.tessera.engine.chat;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.beans.FeatureDescriptor;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Filters, tests and string methods that Jinjava has but with other meanings than jinja2 under transformers,
 * replaced by Python's. Each one changes a prompt that a real chat template renders.
 */
final class PythonCompat {
    private PythonCompat() {}

    /** {@code trim}: Python's {@code str.strip()} (Unicode whitespace incl. U+00A0); Jinjava strips chars <= ' '. */
    static final class TrimFilter implements Filter {
        @Override
        public String getName() {
            return "trim";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            if (var == null) return "";
            return PyStrings.strip(var.toString(), args.length > 0 ? args[0] : null);
        }
    }

    /** {@code tojson}: Python's {@code json.dumps(x, ensure_ascii=False, indent=..)} as transformers defines it. */
    static final class ToJsonFilter implements Filter {
        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return filter(var, interpreter, args, Map.of());
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : args.length > 0 ? args[0] : null;
            boolean sortKeys = Boolean.TRUE.equals(kwargs.get("sort_keys"));
            Integer spaces = indent == null ? null : Integer.valueOf(Integer.parseInt(indent.toString()));
            return PyJson.dumps(var, spaces, sortKeys);
        }
    }

    /** {@code is iterable}: in Python strings and dicts are iterable too (Jinjava says no); templates use it to
     *  decide whether to JSON-encode tool output. */
    static final class IterableTest implements ExpTest {
        @Override
        public String getName() {
            return "iterable";
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            return var instanceof String || var instanceof Iterable<?> || var instanceof Map<?, ?>
                    || (var != null && var.getClass().isArray());
        }
    }

    /**
     * Python {@code str} methods called on strings in templates ({@code message.content.strip()},
     * {@code .startswith(..)}, {@code .split(..)}); Jinjava would call Java's String methods of the same name
     * (different {@code strip}) or fail ({@code upper}). Also indexing, {@code role[0]}, {@code text[-1]}, which
     * Jinjava does not do on strings.
     */
    static final class StringMethods extends ELResolver {
        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
            if (!(base instanceof String s) || method == null) return null;
            Object[] p = params == null ? new Object[0] : params;
            Object result = call(s, method.toString(), p);
            if (result != NO_SUCH_METHOD) context.setPropertyResolved(true);
            return result == NO_SUCH_METHOD ? null : result;
        }

        private static final Object NO_SUCH_METHOD = new Object();

        private static Object call(String s, String name, Object[] p) {
            String a0 = p.length > 0 && p[0] != null ? p[0].toString() : null;
            return switch (name) {
                case "strip" -> PyStrings.strip(s, a0);
                case "lstrip" -> PyStrings.lstrip(s, a0);
                case "rstrip" -> PyStrings.rstrip(s, a0);
                case "upper" -> s.toUpperCase(Locale.ROOT);
                case "lower" -> s.toLowerCase(Locale.ROOT);
                case "title" -> PyStrings.title(s);
                case "capitalize" -> PyStrings.capitalize(s);
                case "startswith" -> anyOf(p.length > 0 ? p[0] : null).stream().anyMatch(s::startsWith);
                case "endswith" -> anyOf(p.length > 0 ? p[0] : null).stream().anyMatch(s::endsWith);
                case "split" -> PyStrings.split(s, a0, p.length > 1 ? ((Number) p[1]).intValue() : -1);
                case "replace" -> p.length >= 2 ? s.replace(String.valueOf(p[0]), String.valueOf(p[1])) : NO_SUCH_METHOD;
                default -> NO_SUCH_METHOD;
            };
        }

        /** startswith/endswith take a string or a tuple of strings. */
        private static List<String> anyOf(Object arg) {
            if (arg instanceof Collection<?> c) return c.stream().map(String::valueOf).toList();
            return List.of(String.valueOf(arg));
        }

        // Only methods are provided; property lookups fall through to Jinjava's resolvers.
        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return null;
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return null;
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        /** {@code s[i]} by code point as in Python, negative from the end; out of range is undefined. */
        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            // Jinjava hands integer subscripts over as text ("0", "-1")
            if (!(base instanceof String s) || property == null || !property.toString().matches("-?\\d{1,9}")) return null;
            context.setPropertyResolved(true);
            int count = s.codePointCount(0, s.length());
            long index = Long.parseLong(property.toString());
            long i = index < 0 ? index + count : index;
            if (i < 0 || i >= count) return null;
            int at = s.offsetByCodePoints(0, (int) i);
            return s.substring(at, s.offsetByCodePoints(at, 1));
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return true;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {}
    }
}
