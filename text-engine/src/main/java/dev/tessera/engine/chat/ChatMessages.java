package dev.tessera.engine.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.engine.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a conversation from JSON in the OpenAI / transformers form: a list of messages (or an object with a
 * {@code "messages"} list), each {@code {"role": .., "content": ..}} where content is a string or a list of
 * {@code {"type": "text", "text": ..}} and {@code {"type": "image", "path": ..}} items ({@code "image"} is
 * accepted for {@code "path"}; an image without either only marks the position). Relative image paths are
 * resolved against the JSON file's folder. Errors name the file and the JSON path of the bad part.
 */
public final class ChatMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatMessages() {}

    /** Reads {@code jsonFile}; relative image paths resolve against its folder. */
    public static List<ChatMessage> parse(Path jsonFile) {
        String text;
        try {
            text = Files.readString(jsonFile);
        } catch (IOException e) {
            throw new BadInputException(jsonFile + ": cannot read (" + e.getMessage() + ")", e);
        }
        Path folder = jsonFile.toAbsolutePath().getParent();
        return parse(text, folder, jsonFile.toString());
    }

    /** Reads JSON text; relative image paths resolve against the working folder. */
    public static List<ChatMessage> parse(String json) {
        return parse(json, Path.of(""), "messages");
    }

    /** Reads JSON text; relative image paths resolve against {@code baseDir}; {@code source} names it in errors. */
    public static List<ChatMessage> parse(String json, Path baseDir, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + " at line " + e.getLocation().getLineNr() + ")");
        }
        return fromJson(root, baseDir, source);
    }

    /** Reads an already parsed JSON value (a list of messages, or an object with "messages"). */
    public static List<ChatMessage> fromJson(JsonNode root, Path baseDir, String source) {
        JsonNode list = root != null && root.isObject() ? root.path("messages") : root;
        if (list == null || !list.isArray()) {
            throw new BadInputException(source + ": expected a list of messages (or an object with \"messages\")");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) messages.add(message(list.get(i), "messages[" + i + "]", baseDir, source));
        return messages;
    }

    private static ChatMessage message(JsonNode m, String where, Path baseDir, String source) {
        if (!m.isObject()) throw bad(source, where, "is not an object");
        if (!m.path("role").isTextual() || m.get("role").asText().isBlank()) throw bad(source, where, "needs a \"role\" string");
        if (m.has("tool_calls")) throw bad(source, where, "has tool_calls, which Tessera does not support yet");
        String role = m.get("role").asText();
        JsonNode content = m.path("content");
        if (content.isTextual()) return ChatMessage.text(role, content.asText());
        if (!content.isArray()) throw bad(source, where + ".content", "must be a string or a list of items");
        List<ContentPart> parts = new ArrayList<>();
        for (int k = 0; k < content.size(); k++) parts.add(part(content.get(k), where + ".content[" + k + "]", baseDir, source));
        return new ChatMessage(role, parts);
    }

    private static ContentPart part(JsonNode item, String where, Path baseDir, String source) {
        if (!item.isObject() || !item.path("type").isTextual()) throw bad(source, where, "needs a \"type\"");
        String type = item.get("type").asText();
        switch (type) {
            case "text" -> {
                if (!item.path("text").isTextual()) throw bad(source, where, "type \"text\" needs a \"text\" string");
                return new ContentPart.Text(item.get("text").asText());
            }
            case "image" -> {
                JsonNode p = item.has("path") ? item.get("path") : item.path("image");
                if (p.isMissingNode() || p.isNull()) return new ContentPart.Image(null);
                if (!p.isTextual() || p.asText().isBlank()) throw bad(source, where, "image \"path\" must be a file path");
                try {
                    return new ContentPart.Image(baseDir.resolve(p.asText()).normalize());
                } catch (InvalidPathException e) {
                    throw bad(source, where, "image path \"" + p.asText() + "\" is not a valid path");
                }
            }
            default -> throw bad(source, where, "has unknown type \"" + type + "\" (expected \"text\" or \"image\""
                    + (type.equals("image_url") ? "; give local images as {\"type\": \"image\", \"path\": ...}" : "") + ")");
        }
    }

    private static BadInputException bad(String source, String where, String problem) {
        return new BadInputException(source + ": " + where + " " + problem);
    }
}
