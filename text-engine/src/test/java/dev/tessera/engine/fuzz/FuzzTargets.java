package dev.tessera.engine.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several {@code @FuzzTest(byte[])} targets behind one, for the short fuzzing run of CI. libFuzzer runs once per
 * JVM, so Jazzer fuzzes one target per process; a JVM with Jazzer's agent costs several seconds to start, so
 * each module fuzzes all its targets from one process instead: the first input byte picks the target, the rest
 * is its input. The seeds are every target's own seeds ({@code @MethodSource}) and saved inputs
 * ({@code <Class>Inputs/<method>/}), each prefixed with its target's byte, so the run also replays them all.
 * For a long run of one target, fuzz the target itself (README, "Fuzzing").
 */
public final class FuzzTargets {
    private record Target(Class<?> type, Method method) {}

    private final List<Target> targets = new ArrayList<>();

    /**
     * Targets given as {@code "package.Class#method"}: a byte[] fuzz test method. By name, because the test
     * classes are package-private in their parsers' packages.
     */
    public static FuzzTargets of(String... targets) {
        FuzzTargets t = new FuzzTargets();
        for (String target : targets) {
            String[] parts = target.split("#");
            try {
                Class<?> type = Class.forName(parts[0]);
                Method m = type.getDeclaredMethod(parts[1], byte[].class);
                m.setAccessible(true);
                t.targets.add(new Target(type, m));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("no fuzz test " + target + "(byte[])", e);
            }
        }
        return t;
    }

    /** Runs the target that {@code data[0]} picks on the rest of {@code data}. */
    public void run(byte[] data) throws Throwable {
        if (data.length == 0) return;
        Target t = targets.get((data[0] & 0xFF) % targets.size());
        Object instance;
        try {
            var constructor = t.type().getDeclaredConstructor();
            constructor.setAccessible(true);
            instance = constructor.newInstance();
            t.method().invoke(instance, (Object) Arrays.copyOfRange(data, 1, data.length));
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the target's own failure, so Jazzer reports (and deduplicates) it as such
        }
    }

    /** Every target's seeds and saved inputs, prefixed with the target's byte. */
    public Stream<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            byte prefix = (byte) i;
            for (byte[] seed : seedsOf(targets.get(i))) {
                byte[] s = new byte[seed.length + 1];
                s[0] = prefix;
                System.arraycopy(seed, 0, s, 1, seed.length);
                out.add(s);
            }
        }
        return out.stream();
    }

    private static List<byte[]> seedsOf(Target t) {
        List<byte[]> out = new ArrayList<>();
        MethodSource source = t.method().getAnnotation(MethodSource.class);
        if (source != null) {
            for (String name : source.value()) {
                try {
                    Method factory = t.type().getDeclaredMethod(name);
                    factory.setAccessible(true);
                    Object seeds = factory.invoke(null);
                    Stream<?> stream = seeds instanceof Stream<?> s ? s : ((List<?>) seeds).stream();
                    stream.forEach(seed -> out.add((byte[]) seed));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("seeds " + t.type().getSimpleName() + "." + name + "()", e);
                }
            }
        }
        URL inputs = t.type().getResource(t.type().getSimpleName() + "Inputs/" + t.method().getName());
        if (inputs != null && inputs.getProtocol().equals("file")) {
            try (Stream<Path> files = Files.list(Path.of(inputs.toURI()))) {
                for (Path f : files.sorted().toList()) if (Files.isRegularFile(f)) out.add(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
