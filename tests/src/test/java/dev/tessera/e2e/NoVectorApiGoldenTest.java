package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.engine.llama.GoldenCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scalar fallback end to end: {@code tessera ask --json} in a JVM started without
 * {@code --add-modules jdk.incubator.vector}, as a plain {@code java} would be. Every golden case of tiny-mllama
 * must give the reference's greedy tokens and top-5 logits within 1e-3 (the same checks as
 * {@link AskGoldenCasesTest}), and nothing may try to load a Vector API class.
 */
class NoVectorApiGoldenTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"image_question", "text_only", "text_before_image", "chat_multiturn", "chat_text_only",
            "alpha_image", "two_images", "long_text"})
    void scalarKernelsReproduceTheGoldenCase(String name) throws Exception {
        GoldenCase g = GoldenCase.load(name);
        long t0 = System.nanoTime();
        CliProcess.Result r = CliProcess.runWithoutVectorApi(tmp, AskGoldenCasesTest.askArgs(g, tmp).toArray(String[]::new));
        System.out.printf("no Vector API: ask %s took %d ms%n", name, (System.nanoTime() - t0) / 1_000_000);
        assertScalarRun(name, r);
        AskGoldenCasesTest.assertReproduces(g, r);
    }

    /**
     * One case with the decoder in Q8_0 (the Q8_0 and Q4_0 block kernels' scalar side): the tokens equal those
     * of the same command on the Vector API, and the reference's (Q8_0 keeps them on every golden case).
     */
    @Test
    void q8ScalarGivesTheVectorPathsTokens() throws Exception {
        GoldenCase g = GoldenCase.load("image_question");
        List<String> args = new ArrayList<>(AskGoldenCasesTest.askArgs(g, tmp));
        args.addAll(1, List.of("--quant", "q8_0", "--quant-cache", "off"));
        CliProcess.Result scalar = CliProcess.runWithoutVectorApi(tmp, args.toArray(String[]::new));
        assertScalarRun("q8_0", scalar);
        assertEquals(0, scalar.exitCode(), "q8_0 without the Vector API: " + scalar.errorLines());
        CliProcess.Result vector = CliProcess.run(tmp, args.toArray(String[]::new));
        assertEquals(0, vector.exitCode(), "q8_0 with the Vector API: " + vector.errorLines());
        JsonNode s = AskGoldenCasesTest.JSON.readTree(scalar.stdout()), v = AskGoldenCasesTest.JSON.readTree(vector.stdout());
        assertEquals(v.get("generated_ids"), s.get("generated_ids"), "q8_0 tokens, scalar vs Vector API");
        assertEquals(g.json().get("generated_ids"), s.get("generated_ids"), "q8_0 scalar tokens vs the reference");
        for (int i = 0; i < 5; i++) {
            assertEquals(v.get("first_step_top5").get("logits").get(i).asDouble(),
                    s.get("first_step_top5").get("logits").get(i).asDouble(), 1e-3, "q8_0 top-5 logit " + i + ", scalar vs vector");
        }
    }

    /** -Dtessera.vector=false takes the scalar path with the module present (for users who hit a Vector API bug). */
    @Test
    void thePropertyForcesTheScalarPath() throws Exception {
        GoldenCase g = GoldenCase.load("text_only");
        CliProcess.Result r = CliProcess.run(tmp, List.of(), List.of("-Dtessera.vector=false"), null,
                AskGoldenCasesTest.askArgs(g, tmp).toArray(String[]::new));
        AskGoldenCasesTest.assertReproduces(g, r);
        String fixture = GoldenCase.fixture().toString();
        CliProcess.Result forced = CliProcess.run(tmp, List.of(), List.of("-Dtessera.vector=false"), null, "inspect", "--model", fixture);
        assertTrue(forced.stdout().contains("\nkernels:      scalar (-Dtessera.vector=false)\n"), forced.stdout());
    }

    @Test
    void inspectSaysWhichKernelsRun() throws Exception {
        String fixture = GoldenCase.fixture().toString();
        CliProcess.Result scalar = CliProcess.runWithoutVectorApi(tmp, "inspect", "--model", fixture);
        assertScalarRun("inspect", scalar);
        assertEquals(0, scalar.exitCode(), scalar.errorLines());
        assertTrue(scalar.stdout().contains("\nkernels:      scalar (java was started without --add-modules jdk.incubator.vector)\n"),
                scalar.stdout());
        CliProcess.Result vector = CliProcess.run(tmp, "inspect", "--model", fixture);
        assertTrue(Pattern.compile("\nkernels: {6}Vector API, \\d+ floats a vector\n").matcher(vector.stdout()).find(), vector.stdout());
    }

    /** make-random's scalar loop computes the same bits as its vector loop (bf16 and f32 take different ones). */
    @ParameterizedTest
    @ValueSource(strings = {"bf16", "f32"})
    void makeRandomWritesTheSameBytes(String dtype) throws Exception {
        String[] args = {"make-random", "--preset", "tiny", "--text-layers", "2", "--vision-layers", "1", "--global-layers", "1",
                "--dtype", dtype, "--seed", "7", "--tokenizer-from", GoldenCase.fixture().toString(), "--out", null};
        args[args.length - 1] = tmp.resolve("scalar").toString();
        CliProcess.Result scalar = CliProcess.runWithoutVectorApi(tmp, args);
        assertScalarRun("make-random", scalar);
        assertEquals(0, scalar.exitCode(), scalar.errorLines());
        args[args.length - 1] = tmp.resolve("vector").toString();
        CliProcess.Result vector = CliProcess.run(tmp, args);
        assertEquals(0, vector.exitCode(), vector.errorLines());
        List<Path> files;
        try (var list = Files.list(tmp.resolve("vector"))) {
            files = list.filter(f -> f.toString().endsWith(".safetensors")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no .safetensors written");
        for (Path f : files) {
            Path other = tmp.resolve("scalar").resolve(f.getFileName());
            assertEquals(-1L, Files.mismatch(f, other), f.getFileName() + ": first differing byte, vector vs scalar");
        }
    }

    @Test
    void benchSaysItNeedsTheVectorApi() throws Exception {
        CliProcess.Result r = CliProcess.runWithoutVectorApi(tmp, "bench", "--preset", "tiny", "--threads", "1");
        assertScalarRun("bench", r);
        assertEquals(1, r.exitCode(), r.errorLines());
        assertEquals("tessera: bench needs the Vector API (its machine probe and the kernels it measures): start java "
                + "with --add-modules jdk.incubator.vector, as the tessera launcher does unless TESSERA_VECTOR=0", r.errorLines());
    }

    /** The JVM really ran without the module (it prints the incubator notice whenever the module is added). */
    private static void assertScalarRun(String what, CliProcess.Result r) {
        assertFalse(r.stderr().contains("Using incubator modules"), what + ": the JVM had the Vector API module");
        assertFalse(r.stderr().contains("NoClassDefFoundError"), what + ": " + r.stderr());
        assertFalse(r.stderr().contains("jdk/incubator/vector") || r.stdout().contains("jdk/incubator/vector"), what + ": " + r.stderr());
    }
}
