package dev.tessera.e2e;

import dev.tessera.caption.ImageCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in guard for the {@code tessera caption --guard-model} process tests, found by the command through
 * {@link java.util.ServiceLoader} like the real guard's adapter. It takes a folder holding {@code fake-guard.txt}
 * (one word a line): an image whose file name contains one of the words is refused as {@code unsafe S1}; a
 * name containing {@code crash} makes the check throw, as a guard engine error would.
 */
public final class FakeGuardProvider implements ImageCheck.Provider {
    static final String MARKER = "fake-guard.txt";

    @Override
    public boolean accepts(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER));
    }

    @Override
    public ImageCheck open(Path dir) {
        List<String> words;
        try {
            words = Files.readAllLines(dir.resolve(MARKER)).stream().map(String::strip).filter(w -> !w.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (file, image, cancel) -> {
            String name = file.getFileName().toString();
            if (name.contains("crash")) throw new IllegalStateException("fake guard engine error");
            boolean refused = words.stream().anyMatch(name::contains);
            return refused ? new ImageCheck.Verdict(false, "unsafe S1") : new ImageCheck.Verdict(true, "safe");
        };
    }
}
