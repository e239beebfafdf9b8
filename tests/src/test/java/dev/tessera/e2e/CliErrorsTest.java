package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.llama.GoldenCase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad usage and bad input: exit code 2, one line on stderr naming the thing at fault, no stack trace. */
class CliErrorsTest {
    @TempDir
    Path tmp;

    static void assertOneLineError(CliProcess.Result r, String mustContain) {
        assertEquals(2, r.exitCode(), "exit code; stderr: " + r.errorLines());
        String err = r.errorLines();
        assertTrue(err.contains(mustContain), "stderr should name " + mustContain + ": " + err);
        assertFalse(err.contains("\tat "), "no stack trace without --debug: " + err);
    }

    @Test
    void missingModelFolderFile() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "ask", "--model", tmp.toString(), "hello");
        assertOneLineError(r, "config.json");
        assertEquals(1, r.errorLines().lines().count(), r.errorLines());
    }

    @Test
    void corruptImageNamesTheFile() throws Exception {
        Path bad = tmp.resolve("broken.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        CliProcess.Result r = CliProcess.run(tmp, "ask", "--model", GoldenCase.fixture().toString(), "--image",
                bad.toString(), "--max-tokens", "2", "What is this?");
        assertOneLineError(r, "broken.png");
    }

    @Test
    void unknownOptionIsBadUsage() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "ask", "--model", tmp.toString(), "--no-such-option", "hi");
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLines().contains("--no-such-option"), r.errorLines());
    }

    @Test
    void systemMessageWithImageIsAReadableError() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "ask", "--model", GoldenCase.fixture().toString(), "--system", "Be brief.",
                "--image", GoldenCase.fixture().resolve("golden/chart.png").toString(), "--dry-run", "What is this?");
        assertOneLineError(r, "system");
    }

    @Test
    void debugAddsTheStackTrace() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "inspect", "--debug", "--model", tmp.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLines().contains("\tat "), r.errorLines());
    }
}
