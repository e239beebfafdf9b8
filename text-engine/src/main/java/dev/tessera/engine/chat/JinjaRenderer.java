package dev.tessera.engine.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.tessera.engine.BadInputException;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import jinjava.de.odysseus.el.util.SimpleResolver;
import jinjava.javax.el.CompositeELResolver;

/**
 * Renders chat templates the way transformers does with jinja2 ({@code ImmutableSandboxedEnvironment},
 * {@code trim_blocks=True, lstrip_blocks=True}, plus {@code raise_exception}, {@code strftime_now} and its own
 * {@code tojson}), using Jinjava configured as close to jinja2 as it goes. The remaining differences are
 * patched in {@link PythonCompat} and {@link TemplateSourceFixes}; the goldens check the result.
 *
 * <p>Known, unpatched differences (no Llama template depends on them): printing {@code none} or a boolean
 * gives "" / "true" where jinja2 prints "None" / "True"; iterating over a string yields the whole string, not
 * its characters; {@code 'x' * 3} is an error; a "+" before the closing "%}" (keep the newline) is ignored.
 */
final class JinjaRenderer {
    private static final Jinjava JINJAVA = create();

    private JinjaRenderer() {}

    private static Jinjava create() {
        LegacyOverrides jinja2Behaviour = LegacyOverrides.newBuilder()
                .withIterateOverMapKeys(true) // {% for key in categories %} yields keys, as in Python
                .withEvaluateMapKeys(true) // {key: v} evaluates the key expression
                .withUseNaturalOperatorPrecedence(true) // a + b|trim is a + (b|trim)
                .withParseWhitespaceControlStrictly(true)
                .withUseTrimmingForNotesAndExpressions(true) // {{- -}} and {#- -#} trim like tags do
                .withKeepNullableLoopValues(true)
                .withUsePyishObjectMapper(true)
                .withWhitespaceRequiredWithinTokens(false) // {{-key}} is valid Jinja
                .build();
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonCompat.StringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY); // immutable, like the sandbox
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withNestedInterpretationEnabled(false) // message text containing "{{" must stay text
                .withFailOnUnknownTokens(false)
                .withLegacyOverrides(jinja2Behaviour)
                .withElResolver(new SimpleResolver(resolver, true))
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFilter(new PythonCompat.TrimFilter());
        jinjava.getGlobalContext().registerFilter(new PythonCompat.ToJsonFilter());
        jinjava.getGlobalContext().registerExpTest(new PythonCompat.IterableTest());
        jinjava.getGlobalContext().registerFunction(
                new ELFunctionDefinition("", "raise_exception", JinjaRenderer.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFunction(
                new ELFunctionDefinition("", "strftime_now", JinjaRenderer.class, "strftimeNow", String.class));
        return jinjava;
    }

    /**
     * Renders {@code template} (already passed through {@link TemplateSourceFixes}) with {@code variables}.
     * A {@code raise_exception(msg)} in the template becomes a BadInputException with exactly {@code msg};
     * other template errors name {@code origin}.
     */
    static String render(String template, Map<String, Object> variables, String origin) {
        Map<String, Object> context = new HashMap<>(variables);
        // transformers makes strftime_now a global, so "strftime_now is defined" is true; Jinjava functions are
        // not variables, so a placeholder variable answers that test (calls still reach the function).
        context.putIfAbsent("strftime_now", "strftime_now");
        RenderResult result = JINJAVA.renderForResult(template, context);
        for (TemplateError e : result.getErrors()) {
            for (Throwable t = e.getException(); t != null; t = t.getCause()) {
                if (t instanceof TemplateRaised raised) throw new BadInputException(raised.getMessage());
            }
        }
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new BadInputException(origin + ": chat template error at line " + e.getLineno() + ": "
                        + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
            }
        }
        return result.getOutput();
    }

    /** The template's own {@code raise_exception(message)}. */
    public static String raiseException(String message) {
        throw new TemplateRaised(message);
    }

    /** transformers' {@code strftime_now(format)}: the local time now, formatted like Python's strftime. */
    public static String strftimeNow(String format) {
        return Strftime.format(ZonedDateTime.now(), format);
    }

    /** Carries a template's raise_exception message through Jinjava, which catches every exception. */
    private static final class TemplateRaised extends RuntimeException {
        TemplateRaised(String message) {
            super(message, null, false, false);
        }
    }
}
