package dev.tessera.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.llama.GoldenCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Privacy: Tessera works with no network at all. {@code tessera ask} runs inside a new network namespace
 * ({@code unshare -rn}: only a loopback interface, and that one down), with and without an image, and must give
 * the same answer as outside it; stderr stays empty, so nothing - prompt text included - is logged.
 */
class OfflineTest {
    private static final List<String> NO_NETWORK = List.of("unshare", "--map-root-user", "--net");

    @TempDir
    Path tmp;

    @Test
    void askWorksInANetworkNamespaceWithNoInterfaces() throws Exception {
        assertTheNamespaceHasNoNetwork();
        String model = GoldenCase.fixture().toString(), image = GoldenCase.fixture().resolve("golden/chart.png").toString();
        String secret = "What does the chart say about zebra-quartz-1729?";
        for (String[] args : new String[][] {
                {"ask", "--model", model, "--max-tokens", "6", secret},
                {"ask", "--model", model, "--max-tokens", "6", "--image", image, secret}}) {
            CliProcess.Result offline = CliProcess.run(tmp, NO_NETWORK, List.of(), null, args);
            assertEquals(0, offline.exitCode(), "offline: " + offline.errorLines());
            assertEquals("", offline.errorLines(), "nothing on stderr, so no prompt text in any log");
            CliProcess.Result online = CliProcess.run(tmp, args);
            assertEquals(0, online.exitCode(), online.errorLines());
            assertEquals(online.stdout(), offline.stdout(), "the same answer without a network");
            assertTrue(!offline.stdout().isBlank(), "an answer");
        }
    }

    /** Inside the namespace /proc/net/dev lists the loopback interface alone (else the test would prove nothing). */
    private static void assertTheNamespaceHasNoNetwork() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(concat(NO_NETWORK, "cat", "/proc/net/dev")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "cannot make a network namespace here (the test needs unprivileged user namespaces, "
                + "e.g. sysctl kernel.apparmor_restrict_unprivileged_userns=0): " + out.strip());
        List<String> interfaces = out.lines().filter(l -> l.contains(":")).map(l -> l.substring(0, l.indexOf(':')).strip())
                .filter(s -> !s.startsWith("Inter") && !s.contains("|")).toList();
        assertEquals(List.of("lo"), interfaces, out);
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }
}
