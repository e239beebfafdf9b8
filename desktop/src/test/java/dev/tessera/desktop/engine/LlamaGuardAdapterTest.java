package dev.tessera.desktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.desktop.guard.GuardState;
import dev.tessera.desktop.guard.GuardStatus;
import dev.tessera.engine.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's guard over Llama Guard 3: real verdicts from tiny-guard, and closed when the guard cannot run. */
class LlamaGuardAdapterTest {
    @TempDir
    Path tmp;

    @Test
    void tinyGuardGivesAVerdictOnQuestionsWithImagesAndOnAnswers() {
        Path image = Fixtures.tinyMllama().resolve("golden/chart.png");
        try (LlamaGuardAdapter g = new LlamaGuardAdapter(Fixtures.tinyGuard())) {
            GuardState q = g.checkQuestion("What does this chart show?", List.of(image));
            assertTrue(q.status() == GuardStatus.SAFE || q.status() == GuardStatus.BLOCKED, q.toString());
            assertTrue(q.detail().startsWith("tiny-guard: "), q.detail());
            GuardState a = g.checkAnswer("What does this chart show?", List.of(image), "Sales by month.");
            assertTrue(a.status() == GuardStatus.SAFE || a.status() == GuardStatus.WITHHELD, a.toString());
        }
    }

    @Test
    void aGuardThatCannotLoadBlocksAndSaysWhy() throws Exception {
        Path broken = Files.createDirectories(tmp.resolve("broken-guard"));
        Files.writeString(broken.resolve("config.json"), "{not json");
        try (LlamaGuardAdapter g = new LlamaGuardAdapter(broken)) {
            GuardState q = g.checkQuestion("hello", List.of());
            assertEquals(GuardStatus.BLOCKED, q.status(), q.toString());
            assertTrue(q.stops());
            assertTrue(q.categories().getFirst().startsWith("guard failed: "), q.toString());
        }
    }
}
