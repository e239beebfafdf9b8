package dev.tessera.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short fuzzing run of this module's parsers that every {@code ./run-tests} does (the {@code fuzz}
 * execution in the parent pom runs this class, and only this class, with {@code JAZZER_FUZZ=1}). Not named
 * *Test: the ordinary test run leaves it out, since the targets' own corpora already run there.
 */
class ShortFuzzRun {
    static final FuzzTargets TARGETS = FuzzTargets.of(
            "dev.tessera.engine.safetensors.SafeTensorsFuzzTest#file",
            "dev.tessera.engine.safetensors.SafeTensorsFuzzTest#index",
            "dev.tessera.engine.config.ConfigFuzzTest#modelConfig",
            "dev.tessera.engine.config.ConfigFuzzTest#generationConfig",
            "dev.tessera.engine.tokenizer.TokenizerFuzzTest#tokenizerJson",
            "dev.tessera.engine.tokenizer.TokenizerFuzzTest#encodeDecode",
            "dev.tessera.engine.chat.ChatMessagesFuzzTest#messages");

    static Stream<byte[]> seeds() {
        return TARGETS.seeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "14s")
    void allTargets(byte[] data) throws Throwable {
        TARGETS.run(data);
    }
}
