package dev.tessera.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.TesseraException;
import dev.tessera.engine.safetensors.AtomicWrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredJsonTest {
    record Settings(int threads) {
        static Settings parse(JsonNode n) {
            JsonNode t = n.get("threads");
            if (t == null || !t.isInt()) throw new IllegalArgumentException("threads must be an integer");
            return new Settings(t.intValue());
        }
    }

    static final Settings DEFAULTS = new Settings(4);

    @TempDir
    Path dir;

    private StoredJson.Loaded<Settings> load(Path f) {
        return StoredJson.load(f, Settings::parse, () -> DEFAULTS);
    }

    private List<String> files() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savedSettingsComeBack() {
        Path f = dir.resolve("settings.json");
        StoredJson.save(f, JsonMapper.builder().build().createObjectNode().put("threads", 7));
        StoredJson.Loaded<Settings> l = load(f);
        assertEquals(new Settings(7), l.value());
        assertNull(l.notice());
    }

    @Test
    void noFileMeansDefaultsWithoutANotice() {
        StoredJson.Loaded<Settings> l = load(dir.resolve("settings.json"));
        assertEquals(DEFAULTS, l.value());
        assertNull(l.notice());
    }

    @Test
    void aTruncatedFileIsMovedAsideAndTheAppStartsWithDefaults() throws IOException {
        Path f = Files.writeString(dir.resolve("settings.json"), "{\"threads\": 7");
        StoredJson.Loaded<Settings> l = load(f);
        assertEquals(DEFAULTS, l.value());
        assertTrue(l.notice().startsWith(f + " could not be read (Unexpected end-of-input"), l.notice());
        assertTrue(l.notice().endsWith("starting with defaults"), l.notice());
        List<String> names = files();
        assertEquals(1, names.size(), names.toString());
        assertTrue(names.get(0).startsWith("settings.json.corrupt-"), names.toString());
        assertTrue(l.notice().contains("moved to " + names.get(0)), l.notice());
        assertEquals("{\"threads\": 7", Files.readString(dir.resolve(names.get(0))), "the user's bytes are kept");
    }

    @Test
    void contentTheParserRefusesIsSetAsideToo() throws IOException {
        Path f = Files.writeString(dir.resolve("settings.json"), "{\"threads\": \"many\"}");
        StoredJson.Loaded<Settings> l = load(f);
        assertEquals(DEFAULTS, l.value());
        assertTrue(l.notice().contains("threads must be an integer"), l.notice());
        Path g = Files.writeString(dir.resolve("settings.json"), "");
        assertTrue(load(g).notice().contains("empty file"), "an empty file");
        assertEquals(2, files().size(), "both corrupt versions kept: " + files());
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("conversation.json");
        AtomicWrite.text(f, "the old conversation");
        assertThrows(TesseraException.class, () -> AtomicWrite.write(f, ch -> {
            ch.write(ByteBuffer.wrap("half of the new".getBytes()));
            throw new IOException("disk full");
        }));
        assertEquals("the old conversation", Files.readString(f));
        assertEquals(List.of("conversation.json"), files(), "no temporary file left behind");
        AtomicWrite.text(f, "the new conversation");
        assertArrayEquals("the new conversation".getBytes(), Files.readAllBytes(f));
        assertFalse(files().size() > 1);
    }
}
