package dev.tessera.vision.preprocess;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.engine.fuzz.FuzzContract;
import dev.tessera.engine.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/** Fuzzes {@code preprocessor_config.json}: settings the preprocessor can use, or a BadInputException. */
class PreprocessorConfigFuzzTest {
    @MethodSource("configs")
    @DictionaryEntries({"\"size\"", "\"height\"", "\"width\"", "\"max_image_tiles\"", "\"image_mean\"", "\"image_std\"",
            "\"rescale_factor\"", "\"do_normalize\"", "\"do_rescale\"", "\"resample\"", "NaN", "-0.0", "1e309"})
    @FuzzTest(maxDuration = "10s")
    void preprocessorConfig(byte[] bytes) {
        Path file = FuzzContract.write("preprocessor/" + PreprocessorConfig.FILE_NAME, bytes);
        PreprocessorConfig c = FuzzContract.parse(() -> PreprocessorConfig.load(file.getParent()));
        if (c == null) return;
        if (c.tileSize() < 1 || c.maxImageTiles() < 1 || !(c.rescaleFactor() > 0)) throw new AssertionError(c.toString());
        for (double s : c.imageStd()) if (!(s > 0)) throw new AssertionError(c.toString());
    }

    static List<byte[]> configs() throws IOException {
        return List.of(Files.readAllBytes(Fixtures.tinyMllama().resolve(PreprocessorConfig.FILE_NAME)));
    }
}
