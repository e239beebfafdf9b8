package dev.tessera.desktop.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.engine.DemoModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDiscoveryTest {
    @TempDir
    Path dir;

    private Path snapshot(Path hub, String repo, String rev) throws Exception {
        return Files.createDirectories(hub.resolve("models--" + repo.replace("/", "--")).resolve("snapshots").resolve(rev));
    }

    @Test
    void findsVisionAndGuardSnapshotsInTheHubCacheAndTheDataFolder() throws Exception {
        Path hub = dir.resolve("hf/hub");
        Path vision = snapshot(hub, "meta-llama/Llama-3.2-11B-Vision-Instruct", "abc123");
        Files.writeString(vision.resolve("config.json"), "{}");
        Files.writeString(vision.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"a\": \"model-00001-of-00002.safetensors\", \"b\": \"model-00002-of-00002.safetensors\"}}");
        Files.createFile(vision.resolve("model-00001-of-00002.safetensors"));
        Files.writeString(Files.createDirectories(hub.resolve("models--meta-llama--Llama-3.2-11B-Vision-Instruct/refs")).resolve("main"), "abc123\n");
        snapshot(hub, "meta-llama/Llama-3.2-11B-Vision-Instruct", "old999");
        Path guard = snapshot(hub, "meta-llama/Llama-Guard-3-11B-Vision", "g1");
        Files.writeString(guard.resolve("config.json"), "{}");
        Files.createFile(guard.resolve("model.safetensors"));
        snapshot(hub, "openai-community/gpt2", "x");
        Path own = Files.createDirectories(dir.resolve("data/models"));
        Files.createFile(Files.createDirectories(own.resolve(DemoModel.FOLDER)).resolve(DemoModel.MARKER));

        var d = new ModelDiscovery(Map.of("HF_HOME", dir.resolve("hf").toString()), dir.resolve("home"), own);
        assertEquals(List.of(hub, dir.resolve("home/.cache/huggingface/hub")), d.hubCaches());
        List<ModelCandidate> found = d.discover();
        assertEquals(3, found.size(), found.toString());
        ModelCandidate v = found.stream().filter(c -> c.name().equals("Llama-3.2-11B-Vision-Instruct")).findFirst().orElseThrow();
        assertEquals(vision, v.dir(), "the snapshot refs/main names");
        assertFalse(v.complete(), "a shard is missing");
        ModelCandidate g = found.stream().filter(ModelCandidate::guard).findFirst().orElseThrow();
        assertTrue(g.complete());
        ModelCandidate demo = found.stream().filter(ModelCandidate::demo).findFirst().orElseThrow();
        assertEquals(ModelCandidate.Source.DATA_FOLDER, demo.source());
        assertEquals(DemoModel.NAME, demo.name());
    }

    @Test
    void hubCacheVariablesInOrder() {
        var d = new ModelDiscovery(Map.of("HF_HUB_CACHE", "/a", "HF_HOME", "/b", "XDG_CACHE_HOME", "/c"), Path.of("/h"), null);
        assertEquals(List.of(Path.of("/a"), Path.of("/b/hub"), Path.of("/c/huggingface/hub"), Path.of("/h/.cache/huggingface/hub")),
                d.hubCaches());
    }
}
