package dev.tessera.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.cli.Main;
import dev.tessera.engine.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code tessera caption} with the tiny model over a generated photo folder: nested folders, a duplicate, a
 * PNG without extension, a corrupt JPEG, a HEIC, a note and an existing darktable sidecar.
 */
class CaptionFolderTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    @Test
    void oneRowPerImageFailuresWithReasonsSidecarsMergedOriginalsUntouched() throws Exception {
        Path photos = tmp.resolve("photos");
        Path p1 = TestImages.write(photos.resolve("IMG_0001.png"), "png", 64, 48, 1);
        Path p2 = TestImages.write(photos.resolve("IMG_0002.jpg"), "jpg", 48, 64, 2);
        Path p3 = TestImages.write(photos.resolve("2024/trip/IMG_0003.png"), "png", 40, 40, 3);
        Path dup = photos.resolve("2024/trip/copy of IMG_0001.png");
        Files.copy(p1, dup);
        Path noExt = TestImages.write(photos.resolve("2024/scan"), "png", 30, 20, 4);
        Path corrupt = photos.resolve("2024/IMG_0004.jpg");
        byte[] jpeg = Files.readAllBytes(TestImages.write(tmp.resolve("whole.jpg"), "jpg", 64, 64, 5));
        Files.write(corrupt, Arrays.copyOf(jpeg, jpeg.length / 2));
        Path heic = TestImages.writeHeic(photos.resolve("2024/IMG_0005.heic"));
        Files.writeString(photos.resolve("notes.txt"), "not an image");
        Files.writeString(photos.resolve("IMG_0001.png.xmp"), XmpSidecarTest.DARKTABLE);
        Path[] images = {p1, p2, p3, dup, noExt, corrupt, heic};
        Map<Path, String> before = TestImages.fingerprint(images);
        Path out = tmp.resolve("out/captions.jsonl");

        String[] args = {"caption", "--model", Fixtures.tinyMllama().toString(), "--recursive", "--max-tiles", "1",
                "--max-tokens", "4", "--temperature", "0", "--sidecar", "xmp", "--progress", "none",
                "--out", out.toString(), photos.toString()};
        assertEquals(Main.FAILED, Main.run(args), "two images failed");

        List<JsonNode> rows = Files.readAllLines(out).stream().map(CaptionFolderTest::json).toList();
        Map<String, JsonNode> byPath = new HashMap<>();
        for (JsonNode r : rows) assertNull(byPath.put(r.get("path").asText(), r), "one row per image");
        assertEquals(images.length, rows.size(), rows.toString());
        for (Path p : images) assertNotNull(byPath.get(p.toString()), "a row for " + p);

        for (Path p : List.of(p1, p2, p3, dup, noExt)) {
            JsonNode r = byPath.get(p.toString());
            assertEquals("done", r.get("status").asText());
            assertEquals(64, r.get("sha256").asText().length());
            assertEquals(Files.size(p), r.get("size").asLong());
            assertTrue(r.get("caption").isTextual());
            assertTrue(r.get("model").asText().startsWith("tiny-mllama@"));
            assertEquals("max_tiles=1 max_tokens=4 greedy", r.get("settings").asText());
            assertTrue(r.get("guard").isNull());
            assertTrue(r.get("same_content_as").isNull() == r.get("total_ms").asDouble() > 0, r.toString());
        }
        // The duplicate pair: captioned once (the first in path order, "2024/..."), copied to the other path.
        JsonNode original = byPath.get(dup.toString()), copy = byPath.get(p1.toString());
        assertTrue(original.get("same_content_as").isNull());
        assertEquals(dup.toString(), copy.get("same_content_as").asText());
        assertEquals(original.get("caption"), copy.get("caption"));
        assertEquals(original.get("sha256"), copy.get("sha256"));
        assertEquals("failed", byPath.get(corrupt.toString()).get("status").asText());
        assertTrue(byPath.get(corrupt.toString()).get("error").asText().contains("truncated JPEG"), rows.toString());
        assertTrue(byPath.get(heic.toString()).get("error").asText().contains("HEIC"), rows.toString());

        // Sidecars: the existing darktable one merged, new ones valid, none for failed images.
        Document merged = XmpSidecarTest.parse(photos.resolve("IMG_0001.png.xmp"));
        assertEquals(byPath.get(p1.toString()).get("caption").asText(), XmpSidecarTest.description(merged, "x-default"));
        assertEquals("alte Beschriftung", XmpSidecarTest.description(merged, "de"));
        assertEquals(List.of("holiday"), XmpSidecarTest.keywords(merged));
        assertEquals(1, merged.getElementsByTagNameNS("http://darktable.sf.net/", "history").getLength());
        for (Path p : List.of(p2, p3, dup, noExt)) {
            Document d = XmpSidecarTest.parse(p.resolveSibling(p.getFileName() + ".xmp"));
            assertEquals(byPath.get(p.toString()).get("caption").asText(), XmpSidecarTest.description(d, "x-default"));
        }
        assertFalse(Files.exists(photos.resolve("2024/IMG_0004.jpg.xmp")));

        assertEquals(before, TestImages.fingerprint(images), "the images are byte-identical with the same mtime");

        // A resume has nothing left to do: failures are not retried by default, nothing is appended; the two
        // images still have no caption, which the exit code keeps saying.
        long size = Files.size(out);
        assertEquals(Main.FAILED, Main.run(withResume(args)));
        assertEquals(size, Files.size(out));
        assertEquals(before, TestImages.fingerprint(images));
    }

    private static String[] withResume(String[] args) {
        String[] r = Arrays.copyOf(args, args.length + 1);
        r[r.length - 1] = r[r.length - 2];
        r[r.length - 2] = "--resume";
        return r;
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
