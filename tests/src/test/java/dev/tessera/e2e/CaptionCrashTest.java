package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.engine.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of {@code tessera caption}: a kill at any moment loses at most the image in progress. The batch
 * runs as its own JVM and is killed with SIGKILL (no shutdown hook, no flush) several times - while it loads
 * the model, then at several points mid-batch, each time resumed with {@code --resume} - and a last resumed run
 * finishes it. Afterwards every image has exactly one row, no row was rewritten or torn, every XMP sidecar is
 * well-formed and holds its image's caption, an existing sidecar kept its other fields, and the photos have
 * the same bytes and modification times as before.
 */
class CaptionCrashTest {
    static final int IMAGES = 12;
    static final String EXISTING_XMP = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Rating="4"/>
             </rdf:RDF>
            </x:xmpmeta>
            """;

    @TempDir
    Path tmp;

    @Test
    void sigkillAtSeveralPointsThenResumeGivesEveryImageExactlyOneRow() throws Exception {
        Path photos = tmp.resolve("photos");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= IMAGES; i++) {
            String format = i % 4 == 0 ? "jpg" : "png";
            Path p = photos.resolve((i % 3 == 0 ? "nested/" : "") + String.format("IMG_%04d.%s", i, format));
            CaptionFiles.image(p, format, 60 + i, 50, i);
            expected.add(p.toString());
        }
        Path rated = photos.resolve("IMG_0002.png.xmp");
        Files.writeString(rated, EXISTING_XMP);
        Map<Path, String> originals = CaptionFiles.fingerprint(photos, ".xmp", ".tmp");
        Path out = tmp.resolve("captions.jsonl");
        // 48 tokens at 4 tiles: slow enough (about half a second an image) that each kill lands mid-batch.
        List<String> args = new ArrayList<>(List.of("caption", "--model", Fixtures.tinyMllama().toString(), "--recursive",
                "--max-tokens", "48", "--temperature", "0", "--progress", "lines", "--sidecar", "xmp",
                "--out", out.toString(), photos.toString()));

        // Kill 1: while the model loads (nothing to lose yet, and nothing may be written).
        killWhen(args, "startup", (rowsNow) -> stderrOf("startup").contains("loading the model"), out);
        assertEquals(0, CaptionFiles.completeLines(out), "no row before the first image is done");
        args.add(args.size() - 1, "--resume");
        // Kills 2-4: mid-batch, once some rows exist; each resumed run adds rows and is killed again.
        String kept = "";
        for (int threshold : new int[] {2, 5, 9}) {
            killWhen(args, "at" + threshold, rowsNow -> rowsNow >= threshold, out);
            String now = Files.readString(out, StandardCharsets.UTF_8);
            assertTrue(now.startsWith(kept), "rows written before a kill are never rewritten");
            kept = now.substring(0, now.lastIndexOf('\n') + 1);
            int rows = CaptionFiles.completeLines(out);
            assertTrue(rows >= threshold && rows < IMAGES, rows + " rows after the kill at " + threshold);
            for (String line : kept.split("\n")) CaptionFiles.JSON.readTree(line); // complete rows are valid JSON
        }
        int survived = CaptionFiles.completeLines(out);
        // A kill inside write() itself leaves a torn record; that window is tiny, so add what it would leave.
        String torn = "{\"path\":\"" + expected.getLast() + "\",\"sha256\":\"9f8";
        if (!Files.readString(out).endsWith("\n")) torn = ""; // the kill itself tore one: no need to fake it
        Files.writeString(out, torn, StandardOpenOption.APPEND);

        CliProcess.Result r = CliProcess.run(tmp, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.errorLines());
        assertTrue(r.errorLines().contains("repaired"), r.errorLines());
        assertTrue(r.errorLines().contains(survived + " already done"), r.errorLines());

        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(text.startsWith(kept), "the final run kept every earlier row as it was");
        Map<String, Integer> rowsPerImage = new HashMap<>();
        for (JsonNode row : CaptionFiles.rows(out)) {
            assertEquals("done", row.get("status").asText(), row.toString());
            String path = row.get("path").asText();
            rowsPerImage.merge(path, 1, Integer::sum);
            Path xmp = Path.of(path + ".xmp");
            assertEquals(row.get("caption").asText(), CaptionFiles.xmpDescription(xmp), "sidecar of " + path);
        }
        for (String image : expected) assertEquals(1, rowsPerImage.getOrDefault(image, 0), "rows for " + image);
        assertEquals(IMAGES, rowsPerImage.size());
        String ratedNow = Files.readString(rated);
        assertTrue(ratedNow.contains("xmp:Rating=\"4\""), "the existing sidecar kept its rating: " + ratedNow);
        assertEquals(originals, CaptionFiles.fingerprint(photos, ".xmp", ".tmp"), "photos' bytes and times unchanged");
    }

    private String stderrOf(String run) {
        try {
            Path err = tmp.resolve(run + ".err");
            return Files.exists(err) ? Files.readString(err) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Starts the batch, waits until {@code when} holds (polled every few ms), kills it with SIGKILL. */
    private void killWhen(List<String> args, String run, Predicate<Integer> when, Path out) throws Exception {
        Process p = CliProcess.start(tmp, tmp.resolve(run + ".out"), tmp.resolve(run + ".err"), args.toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && !when.test(CaptionFiles.completeLines(out)) && System.nanoTime() < deadline) Thread.sleep(5);
        assertTrue(p.isAlive(), "run " + run + " ended before it could be killed; stderr: " + stderrOf(run));
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        assertFalse(stderrOf(run).contains("Exception"), stderrOf(run));
    }
}
