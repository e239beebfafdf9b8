package dev.tessera.desktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The window's code stays free of engine code: only the adapters ({@link VlmChatEngine} for chat,
 * {@link VlmCaptionEngine} for folder captioning, {@link LlamaGuardAdapter} for safety checks) name the engine's
 * packages (text engine, vision encoder, cross-attention, guard), so swapping or upgrading the engine touches
 * those three classes.
 */
class EngineBoundaryTest {
    private static final List<String> ADAPTERS = List.of("VlmChatEngine.java", "VlmCaptionEngine.java",
            "LlamaGuardAdapter.java");
    private static final Pattern ENGINE = Pattern.compile("\\bdev\\.tessera\\.(engine|vision|mllama|guard)\\.");

    @Test
    void onlyTheAdapterNamesEnginePackages() throws IOException {
        Path root = Path.of("src/main/java/dev/tessera/desktop");
        assertTrue(Files.isDirectory(root), "run from the desktop module: " + root.toAbsolutePath());
        List<Path> offenders;
        List<Path> all;
        try (Stream<Path> files = Files.walk(root)) {
            all = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        offenders = all.stream().filter(p -> !ADAPTERS.contains(p.getFileName().toString())).filter(p -> {
            try {
                return ENGINE.matcher(Files.readString(p)).find();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertTrue(all.size() > 50, "found the sources: " + all.size());
        assertEquals(List.of(), offenders, "engine code outside the adapter");
        for (String adapter : ADAPTERS) {
            assertTrue(ENGINE.matcher(Files.readString(root.resolve("engine").resolve(adapter))).find(), adapter);
        }
    }
}
