package dev.tessera.desktop.models;

import dev.tessera.desktop.engine.DemoModel;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds model folders without being told: Llama 3.2 Vision and Llama Guard 3 downloads in the Hugging Face hub
 * cache ({@code HF_HUB_CACHE}, {@code HF_HOME/hub}, {@code XDG_CACHE_HOME/huggingface/hub},
 * {@code ~/.cache/huggingface/hub}; layout {@code models--meta-llama--NAME/snapshots/REVISION/}), and folders in
 * Tessera's own {@code models/} (the demo model). Reads only directory listings: safe on any thread but the UI's.
 */
public final class ModelDiscovery {
    private final Map<String, String> env;
    private final Path home;
    private final Path ownModels;

    public ModelDiscovery(Map<String, String> env, Path home, Path ownModels) {
        this.env = env;
        this.home = home;
        this.ownModels = ownModels;
    }

    public static ModelDiscovery system(Path ownModels) {
        return new ModelDiscovery(System.getenv(), Path.of(System.getProperty("user.home")), ownModels);
    }

    /** The hub cache folders to look in, existing or not, without duplicates. */
    public List<Path> hubCaches() {
        LinkedHashSet<Path> out = new LinkedHashSet<>();
        addIf(out, env.get("HF_HUB_CACHE"), null);
        addIf(out, env.get("HUGGINGFACE_HUB_CACHE"), null);
        addIf(out, env.get("HF_HOME"), "hub");
        addIf(out, env.get("XDG_CACHE_HOME"), "huggingface/hub");
        out.add(home.resolve(".cache/huggingface/hub"));
        return List.copyOf(out);
    }

    public List<ModelCandidate> discover() {
        List<ModelCandidate> out = new ArrayList<>();
        for (Path cache : hubCaches()) {
            if (!Files.isDirectory(cache)) continue;
            try (DirectoryStream<Path> repos = Files.newDirectoryStream(cache, "models--*")) {
                for (Path repo : repos) {
                    String name = repoName(repo);
                    if (!isWanted(name)) continue;
                    snapshot(repo).ifPresent(snap -> out.add(new ModelCandidate(snap, name,
                            ModelCandidate.Source.HUGGING_FACE_CACHE, isGuard(name), false, complete(snap))));
                }
            } catch (IOException e) {
                System.err.println("tessera: cannot list " + cache + ": " + e.getMessage());
            }
        }
        if (ownModels != null && Files.isDirectory(ownModels)) {
            try (Stream<Path> dirs = Files.list(ownModels)) {
                for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                    boolean demo = DemoModel.isDemo(d);
                    String name = demo ? DemoModel.NAME : d.getFileName().toString();
                    out.add(new ModelCandidate(d, name, ModelCandidate.Source.DATA_FOLDER, isGuard(name), demo, complete(d)));
                }
            } catch (IOException e) {
                System.err.println("tessera: cannot list " + ownModels + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** "Llama-3.2-11B-Vision-Instruct" for {@code models--meta-llama--Llama-3.2-11B-Vision-Instruct}. */
    static String repoName(Path repo) {
        String[] parts = repo.getFileName().toString().substring("models--".length()).split("--");
        return parts[parts.length - 1];
    }

    /** Llama 3.2 Vision (11B, 90B, base or Instruct) and every Llama Guard 3. */
    static boolean isWanted(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return (n.contains("llama-3.2") && n.contains("vision")) || n.contains("llama-guard-3");
    }

    static boolean isGuard(String name) {
        return name.toLowerCase(Locale.ROOT).contains("guard");
    }

    /** The snapshot {@code refs/main} names, else the most recently changed one. */
    static Optional<Path> snapshot(Path repo) {
        Path snapshots = repo.resolve("snapshots");
        try {
            Path ref = repo.resolve("refs/main");
            if (Files.isRegularFile(ref)) {
                Path named = snapshots.resolve(Files.readString(ref).strip());
                if (Files.isDirectory(named)) return Optional.of(named);
            }
            if (!Files.isDirectory(snapshots)) return Optional.empty();
            try (Stream<Path> s = Files.list(snapshots)) {
                return s.filter(Files::isDirectory).max(Comparator.comparingLong(ModelDiscovery::modified));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** config.json and the weights (one file, or the index and every shard it names). */
    static boolean complete(Path dir) {
        if (!Files.isRegularFile(dir.resolve("config.json"))) return false;
        if (Files.isRegularFile(dir.resolve("model.safetensors"))) return true;
        Path index = dir.resolve("model.safetensors.index.json");
        if (!Files.isRegularFile(index)) return false;
        try {
            var map = new com.fasterxml.jackson.databind.ObjectMapper().readTree(index.toFile()).path("weight_map");
            for (var shard : (Iterable<com.fasterxml.jackson.databind.JsonNode>) () -> map.elements()) {
                if (!Files.isRegularFile(dir.resolve(shard.asText()))) return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void addIf(LinkedHashSet<Path> out, String base, String sub) {
        if (base == null || base.isBlank()) return;
        Path p = Path.of(base);
        out.add(sub == null ? p : p.resolve(sub));
    }
}
