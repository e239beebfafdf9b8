package dev.tessera.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Typed reads of JSON config fields; a missing or mistyped field names the file and the key. */
public final class JsonFields {
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final String file;
    private final String prefix;
    private final JsonNode node;

    public JsonFields(String file, String prefix, JsonNode node) {
        this.file = file;
        this.prefix = prefix;
        this.node = node;
    }

    /** Reads a JSON object from {@code path}; a missing file, bad JSON or a non-object names the file. */
    public static JsonFields read(Path path) {
        String name = path.getFileName().toString();
        if (!Files.isRegularFile(path)) throw new BadInputException(path + ": file is missing");
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new BadInputException(name + ": not valid JSON (" + dev.tessera.engine.JsonProblem.describe(e) + ")");
        }
        if (root == null || !root.isObject()) throw new BadInputException(name + ": expected a JSON object");
        return new JsonFields(name, "", root);
    }

    public JsonNode node() {
        return node;
    }

    public String file() {
        return file;
    }

    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    public JsonFields object(String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isObject()) throw bad(key, "must be an object");
        return new JsonFields(file, prefix + key + ".", v);
    }

    public int positiveInt(String key) {
        int v = integer(key);
        if (v <= 0) throw bad(key, "must be a positive integer, found " + v);
        return v;
    }

    public int integer(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) throw bad(key, "is missing");
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw bad(key, "must be an integer, found " + v);
        return v.asInt();
    }

    public int integer(String key, int dflt) {
        return has(key) ? integer(key) : dflt;
    }

    public double number(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) throw bad(key, "is missing");
        if (!v.isNumber()) throw bad(key, "must be a number, found " + v);
        return v.asDouble();
    }

    public double number(String key, double dflt) {
        return has(key) ? number(key) : dflt;
    }

    public String text(String key, String dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isTextual()) throw bad(key, "must be a string, found " + v);
        return v.asText();
    }

    public boolean bool(String key, boolean dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) throw bad(key, "must be true or false, found " + v);
        return v.asBoolean();
    }

    /** An integer or a list of integers (as eos_token_id may be). */
    public int[] intList(String key, int[] dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return dflt;
        if (v.isIntegralNumber()) return new int[] {v.asInt()};
        if (!v.isArray()) throw bad(key, "must be an integer or a list of integers, found " + v);
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isIntegralNumber()) throw bad(key, "must be a list of integers, found " + v);
            out[i] = v.get(i).asInt();
        }
        return out;
    }

    public BadInputException bad(String key, String problem) {
        return new BadInputException(file + ": " + prefix + key + " " + problem);
    }
}
