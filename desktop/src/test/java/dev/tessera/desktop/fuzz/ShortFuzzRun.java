package dev.tessera.desktop.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.engine.fuzz.FuzzTargets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/** This module's short fuzzing run in every {@code ./run-tests}; see the text-engine ShortFuzzRun. */
class ShortFuzzRun {
    static final FuzzTargets TARGETS = FuzzTargets.of("dev.tessera.desktop.attach.PdfPagesFuzzTest#pages");

    static Stream<byte[]> seeds() {
        return TARGETS.seeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "6s")
    void allTargets(byte[] data) throws Throwable {
        TARGETS.run(data);
    }
}
