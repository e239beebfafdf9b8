package dev.tessera.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code tessera} command line as its own JVM process (the same main class and flags the ./tessera
 * launcher uses, on the test classpath), capturing exit code, stdout and stderr.
 */
public final class CliProcess {
    public record Result(int exitCode, String stdout, String stderr) {
        /** stderr without the JVM's unavoidable incubator-module notice (the launcher drops it too). */
        public String errorLines() {
            return stderr.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("", (a, b) -> a.isEmpty() ? b : a + "\n" + b);
        }
    }

    private CliProcess() {}

    public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return runWithInput(workDir, null, args);
    }

    /**
     * Starts the command line without waiting for it, for tests that stop it themselves ({@link Process#pid()},
     * {@link Process#destroyForcibly()} = SIGKILL); stdout and stderr go to the given files.
     */
    public static Process start(Path workDir, Path stdout, Path stderr, String... args) throws IOException {
        return new ProcessBuilder(command(List.of(), List.of(), true, args)).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    public static Result runWithInput(Path workDir, String stdin, String... args) throws IOException, InterruptedException {
        return run(workDir, List.of(), List.of(), stdin, args);
    }

    private static List<String> command(List<String> prefix, List<String> jvmArgs, boolean vectorApi, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (vectorApi) cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xss4m"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.tessera.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The command with {@code prefix} in front of the JVM (e.g. {@code unshare -rn}) and {@code jvmArgs} given
     * to it (e.g. a system property); {@code stdin} null reads nothing.
     */
    public static Result run(Path workDir, List<String> prefix, List<String> jvmArgs, String stdin, String... args)
            throws IOException, InterruptedException {
        return run(workDir, prefix, jvmArgs, true, stdin, args);
    }

    /**
     * The command in a JVM started without {@code --add-modules jdk.incubator.vector}, as a plain {@code java}
     * would be: the kernels must take their scalar path (see {@code dev.tessera.engine.kernels.Simd}).
     */
    public static Result runWithoutVectorApi(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, List.of(), List.of(), false, null, args);
    }

    /** The general form: {@code vectorApi} false leaves the Vector API module out of the JVM. */
    public static Result run(Path workDir, List<String> prefix, List<String> jvmArgs, boolean vectorApi, String stdin,
                             String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(prefix, jvmArgs, vectorApi, args)).directory(workDir.toFile());
        File out = File.createTempFile("tessera-out", ".txt"), err = File.createTempFile("tessera-err", ".txt");
        pb.redirectOutput(out).redirectError(err);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        if (stdin != null) {
            try (var w = p.getOutputStream()) {
                w.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("tessera " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        Result r = new Result(p.exitValue(), java.nio.file.Files.readString(out.toPath()),
                java.nio.file.Files.readString(err.toPath()));
        out.delete();
        err.delete();
        return r;
    }
}
