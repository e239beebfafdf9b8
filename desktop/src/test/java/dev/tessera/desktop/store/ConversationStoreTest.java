package dev.tessera.desktop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.guard.GuardPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ConversationStoreTest {
    @TempDir
    Path dir;

    public static StoredConversation conversation(String id, String title, long updated) {
        var img = new StoredMessage.StoredImage("/tmp/chart.png", "/tmp/chart.png", 0, 0);
        var user = new StoredMessage("m1", "user", "What is this?", List.of(img), 1, "done", "OFF", List.of(), "", null);
        var stats = new StoredMessage.Stats(50, 12, 812, false, 35, 21.5);
        var answer = new StoredMessage("m2", "assistant", "A **chart**.", List.of(), 2, "stopped", "BLOCKED",
                List.of("S9 Indiscriminate Weapons"), "stand-in", stats);
        return new StoredConversation(StoredConversation.VERSION, id, title, 1, updated, "/models/x", true, List.of(user, answer));
    }

    @Test
    void savesLoadsListsRenamesAndDeletes() throws Exception {
        var data = new DataFolder(dir);
        var store = new ConversationStore(data);
        store.save(conversation("a1", "Older", 100));
        store.save(conversation("b2", "Newer", 200));
        Files.writeString(data.conversations().resolve("broken.json"), "{ not json");
        Files.createDirectories(data.conversationFiles("a1")).resolve("pasted.png").toFile().createNewFile();

        assertEquals(conversation("a1", "Older", 100), store.load("a1").orElseThrow());
        assertEquals(List.of("b2", "a1"), store.list().stream().map(ConversationSummary::id).toList(), "newest first, broken skipped");
        try (Stream<Path> files = Files.list(data.conversations())) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left behind");
        }

        store.rename("a1", "Renamed");
        assertEquals("Renamed", store.load("a1").orElseThrow().title());
        assertEquals("a1", store.list().getFirst().id(), "a rename counts as an update");

        store.delete("a1");
        assertTrue(store.load("a1").isEmpty());
        assertFalse(Files.exists(data.conversations().resolve("a1")), "images stored beside it go too");
    }

    @Test
    void settingsRoundTripAndDefaults() {
        var store = new SettingsStore(new DataFolder(dir));
        assertEquals(Settings.defaults(), store.load());
        var s = new Settings(4, 1, 0.2, 0.8, 256, "/m", "/g", GuardPolicy.INPUT_AND_OUTPUT, "dark");
        store.save(s);
        assertEquals(s, new SettingsStore(new DataFolder(dir)).load());
    }

    @Test
    void dataFolderFollowsPropertyThenXdgThenHome() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/x"), DataFolder.resolve("/x", Map.of("XDG_DATA_HOME", "/xdg"), home).root());
        assertEquals(Path.of("/xdg/tessera"), DataFolder.resolve(null, Map.of("XDG_DATA_HOME", "/xdg"), home).root());
        assertEquals(Path.of("/home/u/.local/share/tessera"), DataFolder.resolve(null, Map.of("XDG_DATA_HOME", "rel"), home).root());
        assertEquals(Path.of("/home/u/.local/share/tessera"), DataFolder.resolve(null, Map.of(), home).root());
    }
}
