package dev.tessera.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.guard.Exchange;
import dev.tessera.guard.GuardPrompt;
import dev.tessera.guard.GuardResult;
import dev.tessera.guard.Verdict;
import java.util.Locale;

/** JSON for guard checks: {@code tessera guard --json} and the {@code guard} object of {@code tessera ask --json}. */
final class GuardReport {
    private GuardReport() {}

    /** The prompt part: what --dry-run prints. */
    static void prompt(ObjectNode o, GuardPrompt p) {
        o.put("framing", p.framing().id());
        o.put("role", p.role().label());
        o.put("templated_prompt", p.text());
        ArrayNode ids = o.putArray("input_ids");
        for (int id : p.ids()) ids.add(id);
        o.put("num_images", p.imageTokens());
        int imageAt = -1;
        for (int i = 0; i < p.ids().length && imageAt < 0; i++) if (p.ids()[i] == 128256) imageAt = i;
        if (imageAt >= 0) o.put("image_token_index", imageAt);
        else o.putNull("image_token_index");
        ArrayNode prefix = o.putArray("generation_prefix_ids");
        for (int id : p.verdictPrefixIds()) prefix.add(id);
        o.put("verdict_step", p.verdictStep());
    }

    /** A check's verdict and timings (and its prompt when {@code withPrompt}). */
    static ObjectNode result(GuardResult r, boolean withPrompt) {
        ObjectNode o = AskReport.JSON.createObjectNode();
        Verdict v = r.verdict();
        o.put("verdict", v.kind().id());
        ArrayNode cats = o.putArray("categories");
        for (Verdict.Category c : v.categories()) cats.addObject().put("code", c.code()).put("name", c.name());
        number(o, "unsafe_probability", v.unsafeProbability());
        number(o, "safe_probability", v.safeProbability());
        number(o, "threshold", v.threshold());
        o.put("role", r.role().label());
        if (v.generatedText() != null) o.put("generated_text", v.generatedText());
        if (v.reason() != null) o.put("reason", v.reason());
        if (withPrompt && r.prompt() != null) prompt(o, r.prompt());
        GuardResult.Timings t = r.timings();
        ObjectNode tn = o.putObject("timings");
        tn.put("load_ms", AskReport.round(t.loadMs()));
        tn.put("image_encode_ms", AskReport.round(t.imageEncodeMs()));
        tn.put("prefill_ms", AskReport.round(t.prefillMs()));
        tn.put("decode_ms", AskReport.round(t.decodeMs()));
        tn.put("total_ms", AskReport.round(t.totalMs()));
        tn.put("prompt_tokens", t.promptTokens());
        tn.put("reused_prompt_tokens", t.reusedTokens());
        tn.put("generated_tokens", t.generatedTokens());
        tn.put("images_checked", t.imagesChecked());
        return o;
    }

    /** The {@code guard} object of {@code ask --json}. */
    static ObjectNode exchange(Exchange e, String model, String memory) {
        ObjectNode o = AskReport.JSON.createObjectNode();
        o.put("policy", e.policy().id());
        o.put("model", model);
        o.put("memory", memory);
        o.put("outcome", e.outcome().id());
        if (e.notice() != null) o.put("notice", e.notice());
        if (e.input() != null) o.set("input", result(e.input(), false));
        else o.putNull("input");
        if (e.output() != null) o.set("output", result(e.output(), false));
        else o.putNull("output");
        ArrayNode w = o.putArray("warnings");
        e.warnings().forEach(w::add);
        double guardMs = (e.input() == null ? 0 : e.input().timings().totalMs()) + (e.output() == null ? 0 : e.output().timings().totalMs());
        o.put("guard_ms", AskReport.round(guardMs));
        return o;
    }

    /** Human-readable lines for {@code tessera guard} without --json. */
    static String text(GuardResult r) {
        Verdict v = r.verdict();
        StringBuilder sb = new StringBuilder("verdict: ").append(v.kind().id()).append('\n');
        if (!v.categories().isEmpty()) {
            sb.append("categories: ").append(String.join(", ", v.categories().stream().map(Verdict.Category::toString).toList())).append('\n');
        }
        if (!Double.isNaN(v.unsafeProbability())) {
            sb.append(String.format(Locale.ROOT, "unsafe_probability: %.4f (threshold %.2f)%n", v.unsafeProbability(), v.threshold()));
        }
        if (v.reason() != null) sb.append("reason: ").append(v.reason()).append('\n');
        GuardResult.Timings t = r.timings();
        sb.append(String.format(Locale.ROOT, "time: %.0f ms (load %.0f, image %.0f, prefill %.0f for %d tokens%s, decode %.0f for %d tokens)",
                t.totalMs(), t.loadMs(), t.imageEncodeMs(), t.prefillMs(), t.promptTokens(),
                t.reusedTokens() > 0 ? " (" + t.reusedTokens() + " reused)" : "", t.decodeMs(), t.generatedTokens()));
        return sb.toString();
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) o.putNull(key);
        else o.put(key, v);
    }
}
