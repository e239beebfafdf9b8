package dev.tessera.caption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the results file: what happened to one image. Fields are null where they do not apply
 * (a failed image has no caption, an unreadable one no hash).
 *
 * @param path          absolute path of the image
 * @param sha256        the image content's SHA-256 (lower-case hex): what a resume matches on
 * @param status        {@link #DONE}, {@link #FAILED} or {@link #BLOCKED} (the guard refused the image)
 * @param error         why it failed; for a done image, a sidecar that could not be written
 * @param guard         the guard's verdict, null when no guard ran
 * @param sameContentAs the image whose caption was copied because the bytes are identical (a duplicate, or
 *                      a renamed file), null when this image was captioned itself
 * @param settings      {@link CaptionSettings#settingsKey()}
 * @param finished      when the row was written (ISO-8601, UTC)
 */
public record CaptionRow(String path, String sha256, Long size, String status, String caption, String error,
                         String guard, String sameContentAs, String preset, String prompt, String model,
                         String settings, Integer tokens, Double decodeMs, Double encodeMs, Double generateMs,
                         Double totalMs, String finished) {
    public static final String DONE = "done", FAILED = "failed", BLOCKED = "blocked";

    /** Column order of both formats (JSONL keys, CSV header). */
    public static final List<String> COLUMNS = List.of("path", "sha256", "size", "status", "caption", "error", "guard",
            "same_content_as", "preset", "prompt", "model", "settings", "tokens", "decode_ms", "encode_ms",
            "generate_ms", "total_ms", "finished");

    public CaptionRow {
        Objects.requireNonNull(path, "path");
        if (!DONE.equals(status) && !FAILED.equals(status) && !BLOCKED.equals(status)) {
            throw new IllegalArgumentException("status must be done, failed or blocked, not " + status);
        }
    }

    public boolean isDone() {
        return DONE.equals(status);
    }

    public boolean isFailed() {
        return FAILED.equals(status);
    }

    /** A copy for another path with the same content: the caption (or verdict, or failure) without timings. */
    public CaptionRow copyFor(String otherPath, String finishedAt) {
        return new CaptionRow(otherPath, sha256, size, status, caption, error, guard, path, preset, prompt, model,
                settings, tokens, null, null, null, null, finishedAt);
    }

    public CaptionRow withError(String why) {
        return new CaptionRow(path, sha256, size, status, caption, why, guard, sameContentAs, preset, prompt, model,
                settings, tokens, decodeMs, encodeMs, generateMs, totalMs, finished);
    }

    /** The values in {@link #COLUMNS} order, as text (null stays null). */
    public List<String> values() {
        return Arrays.asList(path, sha256, size, status, caption, error, guard, sameContentAs, preset, prompt, model,
                        settings, tokens, ms(decodeMs), ms(encodeMs), ms(generateMs), ms(totalMs), finished)
                .stream().map(o -> o == null ? null : o.toString()).toList();
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        List<String> text = values();
        for (int i = 0; i < COLUMNS.size(); i++) {
            String key = COLUMNS.get(i), val = text.get(i);
            if (val == null) o.putNull(key);
            else if (key.equals("size")) o.put(key, size);
            else if (key.equals("tokens")) o.put(key, tokens);
            else if (key.endsWith("_ms")) o.put(key, Double.parseDouble(val));
            else o.put(key, val);
        }
        return o;
    }

    /** A row from its JSON object; IllegalArgumentException when it is not one. */
    public static CaptionRow fromJson(JsonNode o) {
        if (o == null || !o.isObject()) throw new IllegalArgumentException("not a JSON object");
        return fromValues(key -> {
            JsonNode n = o.get(key);
            return n == null || n.isNull() ? null : n.asText();
        });
    }

    /** A row from CSV cells by column name (empty = null). */
    public static CaptionRow fromCsv(Map<String, String> cells) {
        return fromValues(key -> {
            String v = cells.get(key);
            return v == null || v.isEmpty() ? null : v;
        });
    }

    private static CaptionRow fromValues(java.util.function.Function<String, String> get) {
        String path = get.apply("path"), status = get.apply("status");
        if (path == null) throw new IllegalArgumentException("no path");
        String caption = get.apply("caption");
        if (DONE.equals(status) && caption == null) caption = ""; // CSV cannot tell an empty caption from none
        try {
            return new CaptionRow(path, get.apply("sha256"), toLong(get.apply("size")), status, caption,
                    get.apply("error"), get.apply("guard"), get.apply("same_content_as"), get.apply("preset"),
                    get.apply("prompt"), get.apply("model"), get.apply("settings"), toInt(get.apply("tokens")),
                    toDouble(get.apply("decode_ms")), toDouble(get.apply("encode_ms")),
                    toDouble(get.apply("generate_ms")), toDouble(get.apply("total_ms")), get.apply("finished"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number (" + e.getMessage() + ")");
        }
    }

    /** Milliseconds to 0.1 ms: finer digits are noise and only lengthen the file. */
    private static String ms(Double v) {
        return v == null ? null : String.format(Locale.ROOT, "%.1f", v);
    }

    private static Long toLong(String s) {
        return s == null ? null : Long.parseLong(s);
    }

    private static Integer toInt(String s) {
        return s == null ? null : Integer.parseInt(s);
    }

    private static Double toDouble(String s) {
        return s == null ? null : Double.parseDouble(s);
    }
}
