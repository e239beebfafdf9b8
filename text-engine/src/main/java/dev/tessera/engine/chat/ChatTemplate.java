package dev.tessera.engine.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's own chat template (Jinja), rendered to the exact prompt text that transformers'
 * {@code apply_chat_template} produces. The result already starts with {@code <|begin_of_text|>} where the
 * template writes it; encode it with special-token recognition and nothing added.
 */
public final class ChatTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source; // after TemplateSourceFixes
    private final String origin;
    private final String bosToken;
    private final String eosToken;

    private ChatTemplate(String template, String origin, String bosToken, String eosToken) {
        this.source = TemplateSourceFixes.apply(template);
        this.origin = origin;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
    }

    /** A template given as text; {@code origin} names it in error messages. */
    public static ChatTemplate of(String template, String origin, String bosToken, String eosToken) {
        return new ChatTemplate(template, origin, bosToken, eosToken);
    }

    /**
     * The template of a model folder, where transformers looks for it: {@code chat_template.jinja}, else
     * {@code chat_template.json} (the processor's template), else {@code chat_template} in
     * {@code tokenizer_config.json}. BOS/EOS come from tokenizer_config.json (or special_tokens_map.json).
     */
    public static ChatTemplate load(Path modelDir) {
        Path jinja = modelDir.resolve("chat_template.jinja");
        Path json = modelDir.resolve("chat_template.json");
        Path config = modelDir.resolve("tokenizer_config.json");
        JsonNode configNode = Files.isRegularFile(config) ? readJson(config) : null;
        String template;
        Path from;
        if (Files.isRegularFile(jinja)) {
            from = jinja;
            try {
                template = Files.readString(jinja);
            } catch (IOException e) {
                throw new BadInputException(jinja + ": cannot read (" + e.getMessage() + ")", e);
            }
        } else if (Files.isRegularFile(json)) {
            from = json;
            template = templateText(readJson(json).path("chat_template"), json);
        } else if (configNode != null && !configNode.path("chat_template").isMissingNode()) {
            from = config;
            template = templateText(configNode.get("chat_template"), config);
        } else {
            throw new BadInputException(modelDir + ": no chat template (looked for chat_template.jinja, "
                    + "chat_template.json and \"chat_template\" in tokenizer_config.json)");
        }
        JsonNode tokens = configNode;
        Path map = modelDir.resolve("special_tokens_map.json");
        if ((tokens == null || tokens.path("bos_token").isMissingNode()) && Files.isRegularFile(map)) tokens = readJson(map);
        String bos = tokens == null ? "" : tokenText(tokens.path("bos_token"));
        String eos = tokens == null ? "" : tokenText(tokens.path("eos_token"));
        return new ChatTemplate(template, from.toString(), bos, eos);
    }

    /** Renders with no extra variables; see {@link #render(List, boolean, Map)}. */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return render(messages, addGenerationPrompt, Map.of());
    }

    /**
     * Renders {@code messages}. {@code variables} are the extra template keyword arguments, e.g.
     * {@code date_string}, or the Guard template's {@code categories} (a map: keep it ordered) and
     * {@code excluded_category_keys}; Jackson JsonNodes are accepted too. Without {@code date_string} the
     * date is today's, "26 Jul 2024" style. A template's {@code raise_exception(msg)} becomes a
     * {@link BadInputException} whose message is {@code msg}.
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt, Map<String, ?> variables) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("date_string", Strftime.format(ZonedDateTime.now(), "%d %b %Y"));
        vars.put("bos_token", bosToken);
        vars.put("eos_token", eosToken);
        vars.put("add_generation_prompt", addGenerationPrompt);
        variables.forEach((k, v) -> vars.put(k, v instanceof JsonNode n ? JSON.convertValue(n, Object.class) : v));
        vars.put("messages", templateMessages(messages));
        return JinjaRenderer.render(source, vars, origin);
    }

    public String bosToken() {
        return bosToken;
    }

    public String eosToken() {
        return eosToken;
    }

    /** Where the template came from (a file path, or the origin given to {@link #of}). */
    public String origin() {
        return origin;
    }

    /** Messages as transformers hands them to the template: content a string, or a list of type dicts. */
    private static List<Map<String, Object>> templateMessages(List<ChatMessage> messages) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ChatMessage m : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", m.role());
            if (m.plainText()) {
                map.put("content", ((ContentPart.Text) m.content().getFirst()).text());
            } else {
                List<Map<String, Object>> items = new ArrayList<>();
                for (ContentPart part : m.content()) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    switch (part) {
                        case ContentPart.Text t -> {
                            item.put("type", "text");
                            item.put("text", t.text());
                        }
                        case ContentPart.Image i -> item.put("type", "image");
                    }
                    items.add(item);
                }
                map.put("content", items);
            }
            out.add(map);
        }
        return out;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": not valid JSON (" + dev.tessera.engine.JsonProblem.describe(e) + ")", e);
        }
    }

    /** A chat_template value: a string, or transformers' list of {"name", "template"} (take "default"). */
    private static String templateText(JsonNode node, Path file) {
        if (node.isTextual()) return node.asText();
        if (node.isArray()) {
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText())) return named.path("template").asText();
            }
            if (!node.isEmpty() && node.get(0).path("template").isTextual()) return node.get(0).get("template").asText();
        }
        throw new BadInputException(file + ": \"chat_template\" is not a template string");
    }

    /** bos_token / eos_token: a string, or an AddedToken object with "content". */
    private static String tokenText(JsonNode node) {
        if (node.isTextual()) return node.asText();
        return node.path("content").asText("");
    }
}
