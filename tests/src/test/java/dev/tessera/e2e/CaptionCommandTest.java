package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.engine.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tessera caption} as a user runs it: re-runs after renaming and editing photos, and bad files. */
class CaptionCommandTest {
    @TempDir
    Path tmp;

    private String[] caption(Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("caption", "--model", Fixtures.tinyMllama().toString(),
                "--max-tokens", "8", "--temperature", "0", "--progress", "lines", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void aRenamedPhotoIsNotCaptionedAgainAndAnEditedOneIs() throws Exception {
        Path photos = tmp.resolve("photos");
        for (int i = 1; i <= 3; i++) CaptionFiles.image(photos.resolve("IMG_000" + i + ".png"), "png", 64, 48, i);
        Path out = tmp.resolve("captions.jsonl");
        CliProcess.Result first = CliProcess.run(tmp, caption(out, photos.toString()));
        assertEquals(0, first.exitCode(), first.errorLines());
        Map<String, JsonNode> before = byPath(CaptionFiles.rows(out));
        assertEquals(3, before.size());

        Path oldName = photos.resolve("IMG_0001.png"), newName = photos.resolve("holiday.png");
        Files.move(oldName, newName);
        Path edited = photos.resolve("IMG_0002.png");
        CaptionFiles.image(edited, "png", 64, 48, 99); // same name, other pixels

        CliProcess.Result again = CliProcess.run(tmp, caption(out, "--resume", photos.toString()));
        assertEquals(0, again.exitCode(), again.errorLines());
        assertTrue(again.errorLines().contains("3 images: 1 to caption, 1 already done, 1 identical to another"),
                again.errorLines());
        assertTrue(again.errorLines().contains("1 captioned, 1 copied"), again.errorLines());
        List<JsonNode> rows = CaptionFiles.rows(out);
        assertEquals(5, rows.size(), "one new row for the renamed photo and one for the edited one");

        JsonNode renamed = rows.get(3).get("path").asText().equals(newName.toString()) ? rows.get(3) : rows.get(4);
        JsonNode redone = renamed == rows.get(3) ? rows.get(4) : rows.get(3);
        JsonNode original = before.get(oldName.toString());
        assertEquals(newName.toString(), renamed.get("path").asText());
        assertEquals(original.get("sha256").asText(), renamed.get("sha256").asText());
        assertEquals(original.get("caption").asText(), renamed.get("caption").asText());
        assertEquals(oldName.toString(), renamed.get("same_content_as").asText(), "the caption came from the old name");
        assertTrue(renamed.get("encode_ms").isNull(), "the renamed photo did not go through the model");

        assertEquals(edited.toString(), redone.get("path").asText());
        assertNotEquals(before.get(edited.toString()).get("sha256").asText(), redone.get("sha256").asText());
        assertTrue(redone.get("same_content_as").isNull());
        assertTrue(redone.get("encode_ms").asDouble() > 0, "the edited photo went through the model");
    }

    @Test
    void badFilesAreRecordedAsFailedWithAReasonAndTheBatchGoesOn() throws Exception {
        Path photos = tmp.resolve("photos");
        CaptionFiles.image(photos.resolve("a-good.png"), "png", 64, 48, 1);
        Path good = CaptionFiles.image(photos.resolve("c-good.jpg"), "jpg", 64, 48, 2);
        byte[] jpeg = Files.readAllBytes(good);
        Files.write(photos.resolve("b-truncated.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(photos.resolve("d-drawing.svg"),
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>");
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(photos.resolve("e-random.jpg"), noise);
        CaptionFiles.image(photos.resolve("f-good.png"), "png", 48, 64, 3);
        Files.writeString(photos.resolve("notes.txt"), "not an image, not named like one: left alone\n");
        Map<Path, String> originals = CaptionFiles.fingerprint(photos);
        Path out = tmp.resolve("captions.jsonl");

        CliProcess.Result r = CliProcess.run(tmp, caption(out, "--sidecar", "txt", photos.toString()));
        assertEquals(1, r.exitCode(), "exit code 1: some images failed (the CLI's convention); " + r.errorLines());
        Map<String, JsonNode> rows = byPath(CaptionFiles.rows(out));
        assertEquals(6, rows.size(), rows.keySet().toString());
        Map<String, String> expectedReason = Map.of("b-truncated.jpg", "truncated JPEG", "d-drawing.svg",
                "unsupported image format (SVG)", "e-random.jpg", "not an image");
        for (JsonNode row : rows.values()) {
            String name = Path.of(row.get("path").asText()).getFileName().toString();
            if (expectedReason.containsKey(name)) {
                assertEquals("failed", row.get("status").asText(), name);
                assertTrue(row.get("error").asText().contains(expectedReason.get(name)), name + ": " + row.get("error"));
                assertTrue(r.errorLines().contains(row.get("path").asText() + ": " + row.get("error").asText()),
                        "the summary names " + name + " and why: " + r.errorLines());
                assertNull(row.get("caption").textValue());
            } else {
                assertEquals("done", row.get("status").asText(), name + " after the failures before it");
                Path txt = photos.resolve(name.substring(0, name.lastIndexOf('.')) + ".txt");
                assertEquals(row.get("caption").asText().strip() + "\n", Files.readString(txt));
            }
        }
        assertTrue(r.errorLines().contains("3 captioned") && r.errorLines().contains("3 failed"), r.errorLines());
        Map<Path, String> after = CaptionFiles.fingerprint(photos);
        after.keySet().removeIf(p -> !originals.containsKey(p)); // the new .txt sidecars
        assertEquals(originals, after, "no photo (good or bad) was changed");

        // A resume does not retry them unless asked (--retry-failed): they would fail the same way.
        CliProcess.Result again = CliProcess.run(tmp, caption(out, "--resume", photos.toString()));
        assertTrue(again.errorLines().contains("6 already done"), again.errorLines());
        assertEquals(6, CaptionFiles.rows(out).size(), "no new rows");
        assertEquals(1, again.exitCode(), "three photos still have no caption: " + again.errorLines());
        assertTrue(again.errorLines().contains("failed in an earlier run, not retried")
                && again.errorLines().contains(photos.resolve("e-random.jpg") + ": not an image"), again.errorLines());
    }

    @Test
    void guardVerdictsAreRecordedAndARefusedPhotoGetsNoCaption() throws Exception {
        Path photos = tmp.resolve("photos");
        CaptionFiles.image(photos.resolve("a-ok.png"), "png", 64, 48, 1);
        CaptionFiles.image(photos.resolve("b-refused.png"), "png", 64, 48, 2);
        CaptionFiles.image(photos.resolve("c-crash.png"), "png", 64, 48, 3);
        Path guard = Files.createDirectories(tmp.resolve("guard"));
        Files.writeString(guard.resolve("config.json"), "{\"model_type\": \"fake-guard\"}\n");
        Path notAGuard = Files.createDirectories(tmp.resolve("not-a-guard"));
        Files.copy(guard.resolve("config.json"), notAGuard.resolve("config.json"));
        Files.writeString(guard.resolve(FakeGuardProvider.MARKER), "refused\n");
        Path out = tmp.resolve("captions.jsonl");

        CliProcess.Result wrong = CliProcess.run(tmp, caption(out, "--guard-model", notAGuard.toString(), photos.toString()));
        assertEquals(2, wrong.exitCode());
        assertEquals("tessera: --guard-model " + notAGuard + ": not a guard model this build can check images with",
                wrong.errorLines().strip());

        CliProcess.Result r = CliProcess.run(tmp, caption(out, "--guard-model", guard.toString(), photos.toString()));
        assertEquals(1, r.exitCode(), "the photo the guard could not check failed: " + r.errorLines());
        assertTrue(r.errorLines().contains("1 captioned") && r.errorLines().contains("1 failed")
                && r.errorLines().contains("1 blocked"), r.errorLines());
        Map<String, JsonNode> rows = byPath(CaptionFiles.rows(out));
        JsonNode ok = rows.get(photos.resolve("a-ok.png").toString());
        assertEquals("done", ok.get("status").asText());
        assertEquals("safe", ok.get("guard").asText());
        assertTrue(ok.get("settings").asText().contains(" guard=guard@"), ok.toString());
        JsonNode refused = rows.get(photos.resolve("b-refused.png").toString());
        assertEquals("blocked", refused.get("status").asText());
        assertEquals("unsafe S1", refused.get("guard").asText());
        assertNull(refused.get("caption").textValue(), "a refused photo gets its verdict instead of a caption");
        JsonNode crashed = rows.get(photos.resolve("c-crash.png").toString());
        assertEquals("failed", crashed.get("status").asText());
        assertEquals("the guard could not check it: IllegalStateException: fake guard engine error",
                crashed.get("error").asText());
        assertNull(crashed.get("caption").textValue());
    }

    /** The real Llama Guard 3 adapter on tiny-guard: every photo gets a verdict row; anything but safe is refused. */
    @Test
    void theRealGuardChecksEveryPhotoAndFailsClosed() throws Exception {
        Path photos = tmp.resolve("photos");
        CaptionFiles.image(photos.resolve("a.png"), "png", 64, 48, 1);
        CaptionFiles.image(photos.resolve("b.jpg"), "jpg", 48, 64, 2);
        Path out = tmp.resolve("guarded.jsonl");
        CliProcess.Result r = CliProcess.run(tmp, caption(out, "--guard-model", Fixtures.tinyGuard().toString(),
                photos.toString()));
        assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r.errorLines());
        Map<String, JsonNode> rows = byPath(CaptionFiles.rows(out));
        assertEquals(2, rows.size(), rows.toString());
        for (JsonNode row : rows.values()) {
            String verdict = row.get("guard").asText();
            assertTrue(verdict.matches("(safe|unsafe|unparseable|error).*"), row.toString());
            boolean safe = verdict.startsWith("safe");
            assertEquals(safe ? "done" : "blocked", row.get("status").asText(), row.toString());
            assertEquals(safe, row.get("caption").isTextual(), "only a safe photo gets a caption: " + row);
        }
    }

    private static Map<String, JsonNode> byPath(List<JsonNode> rows) {
        Map<String, JsonNode> m = new HashMap<>();
        for (JsonNode r : rows) assertNull(m.put(r.get("path").asText(), r), "one row per path");
        return m;
    }
}
