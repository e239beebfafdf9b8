package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tessera export-gguf} refuses what it cannot write with one line and exit code 2 (the export itself is
 *  tested in text-engine's LlamaGgufExportTest). */
class ExportGgufCommandTest {
    @TempDir
    Path tmp;

    @Test
    void refusesAVisionModelInOneLine() throws Exception {
        Path out = tmp.resolve("m.gguf");
        CliProcess.Result r = CliProcess.run(tmp, "export-gguf", "--model",
                dev.tessera.engine.llama.GoldenCase.fixture().toString(), "--quant", "q8_0", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.errorLines());
        assertTrue(r.errorLines().contains("mllama"), r.errorLines());
        assertEquals(1, r.errorLines().strip().lines().count(), r.stderr());
        assertTrue(Files.notExists(out));
    }

    @Test
    void rejectsAnUnknownQuantization() throws Exception {
        CliProcess.Result r = CliProcess.run(tmp, "export-gguf", "--model", tmp.toString(), "--quant", "q5_k",
                "--out", tmp.resolve("m.gguf").toString());
        assertEquals(2, r.exitCode(), r.errorLines());
        assertTrue(r.errorLines().contains("q5_k"), r.errorLines());
    }
}
