package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of {@code tessera caption}: a kill at any moment loses at most the image in progress. The batch
 * runs as its own JVM, is killed with SIGKILL (no shutdown hook, no flush) once a few rows exist, and a
 * {@code --resume} run finishes it: every image ends up with exactly one row and the file is valid JSONL.
 */
class CaptionCrashTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int IMAGES = 12;

    @TempDir
    Path tmp;

    @Test
    void sigkillMidBatchThenResumeGivesEveryImageExactlyOneRow() throws Exception {
        Path photos = tmp.resolve("photos");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= IMAGES; i++) {
            Path p = photos.resolve((i % 3 == 0 ? "nested/" : "") + String.format("IMG_%04d.png", i));
            writeNoise(p, 60 + i, 50, i);
            expected.add(p.toString());
        }
        Path out = tmp.resolve("captions.jsonl");
        // 48 tokens at 4 tiles: slow enough (about half a second an image) that the kill lands mid-batch.
        List<String> args = new ArrayList<>(List.of("caption", "--model", Fixtures.tinyMllama().toString(), "--recursive",
                "--max-tokens", "48", "--temperature", "0", "--progress", "lines", "--out", out.toString(), photos.toString()));

        Process p = CliProcess.start(tmp, tmp.resolve("first.out"), tmp.resolve("first.err"), args.toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && completeLines(out) < 3 && System.nanoTime() < deadline) Thread.sleep(5);
        assertTrue(p.isAlive(), "the batch ended before it could be killed; stderr: " + Files.readString(tmp.resolve("first.err")));
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");

        byte[] afterKill = Files.readAllBytes(out);
        int survived = completeLines(out);
        assertTrue(survived >= 3 && survived < IMAGES, survived + " rows survived the kill");
        // A kill inside write() itself leaves a torn record; that window is tiny, so add what it would leave.
        Files.writeString(out, "{\"path\":\"" + expected.getLast() + "\",\"sha256\":\"9f8", StandardOpenOption.APPEND);

        args.add(args.size() - 1, "--resume");
        CliProcess.Result r = CliProcess.run(tmp, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.errorLines());
        assertTrue(r.errorLines().contains("repaired"), r.errorLines());
        assertTrue(r.errorLines().contains(survived + " already done"), r.errorLines());

        byte[] finalBytes = Files.readAllBytes(out);
        assertEquals('\n', finalBytes[finalBytes.length - 1], "ends with a complete line");
        String text = new String(finalBytes, StandardCharsets.UTF_8);
        int keptPrefix = new String(afterKill, StandardCharsets.UTF_8).lastIndexOf('\n') + 1;
        assertEquals(new String(afterKill, StandardCharsets.UTF_8).substring(0, keptPrefix), text.substring(0, keptPrefix),
                "rows written before the kill are kept as they were");
        Map<String, Integer> rowsPerImage = new HashMap<>();
        for (String line : text.split("\n")) {
            JsonNode row = JSON.readTree(line); // every line is valid JSON
            assertEquals("done", row.get("status").asText(), line);
            rowsPerImage.merge(row.get("path").asText(), 1, Integer::sum);
        }
        for (String image : expected) assertEquals(1, rowsPerImage.getOrDefault(image, 0), "rows for " + image);
        assertEquals(IMAGES, rowsPerImage.size());
    }

    private static int completeLines(Path file) throws Exception {
        if (!Files.exists(file)) return 0;
        int n = 0;
        for (byte b : Files.readAllBytes(file)) if (b == '\n') n++;
        return n;
    }

    private static void writeNoise(Path file, int w, int h, long seed) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt(0x1000000));
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }
}
