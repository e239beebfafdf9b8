package dev.tessera.desktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.caption.BatchListener;
import dev.tessera.engine.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch started in the window with a guard chosen checks every photo with the real Llama Guard 3 runner
 * (../shared/fixtures/tiny-guard: random weights, so some verdict or an unparseable one): each row carries the
 * verdict, and only a photo found safe gets a caption.
 */
class VlmCaptionEngineGuardTest {
    @TempDir
    Path tmp;

    @Test
    void everyPhotoIsCheckedAndOnlySafeOnesAreCaptioned() throws Exception {
        Path model = Fixtures.tinyMllama(), guard = Fixtures.tinyGuard();
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        for (int i = 0; i < 2; i++) {
            BufferedImage img = new BufferedImage(40 + 8 * i, 32, BufferedImage.TYPE_INT_RGB);
            img.setRGB(3, 4, 0xff8800 + i);
            ImageIO.write(img, "png", photos.resolve("p" + i + ".png").toFile());
        }
        Path out = tmp.resolve("captions.jsonl");
        CaptionRequest r = new CaptionRequest(List.of(photos), false, "short", null, "none", 1, 8, out, true, model,
                WeightFormat.BF16, guard);
        new VlmCaptionEngine().batch(r, BatchListener.NONE).run();
        List<JsonNode> rows = Files.readAllLines(out).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return JsonMapper.builder().build().readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertEquals(2, rows.size(), rows.toString());
        for (JsonNode row : rows) {
            String verdict = row.path("guard").asText("");
            assertTrue(verdict.matches("(safe|unsafe|unparseable|error).*"), row.toString());
            boolean safe = verdict.startsWith("safe");
            assertEquals(safe ? "done" : "blocked", row.get("status").asText(), row.toString());
            assertEquals(safe, row.get("caption").isTextual(), row.toString());
        }
    }
}
