package dev.tessera.vision.preprocess;

import dev.tessera.engine.BadInputException;
import dev.tessera.vision.TinyMllamaFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreprocessorConfigTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheFixtureConfig() {
        PreprocessorConfig config = PreprocessorConfig.load(TinyMllamaFixture.dir());
        assertEquals(56, config.tileSize());
        assertEquals(4, config.maxImageTiles());
        assertArrayEquals(MllamaImageProcessorTest.CLIP_MEAN, config.imageMean());
        assertArrayEquals(MllamaImageProcessorTest.CLIP_STD, config.imageStd());
        assertEquals(0.00392156862745098, config.rescaleFactor());
    }

    private void refused(String json, String expected) throws IOException {
        Files.writeString(dir.resolve(PreprocessorConfig.FILE_NAME), json);
        BadInputException e = assertThrows(BadInputException.class, () -> PreprocessorConfig.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(PreprocessorConfig.FILE_NAME) + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void refusesWhatItCannotFollow() throws IOException {
        String good = "\"size\": {\"height\": 560, \"width\": 560}, \"max_image_tiles\": 4, "
                + "\"image_mean\": [0.5, 0.5, 0.5], \"image_std\": [0.5, 0.5, 0.5]";
        refused("{" + good.replace("\"width\": 560", "\"width\": 448") + "}", "not square");
        refused("{" + good + ", \"resample\": 3}", "resample = 3");
        refused("{" + good.replace("\"max_image_tiles\": 4, ", "") + "}", "max_image_tiles is missing");
        refused("{" + good.replace("\"image_std\": [0.5, 0.5, 0.5]", "\"image_std\": [0.5, 0.5]") + "}", "image_std");
        refused("{" + good, "not valid JSON");
        Files.delete(dir.resolve(PreprocessorConfig.FILE_NAME));
        BadInputException missing = assertThrows(BadInputException.class, () -> PreprocessorConfig.load(dir));
        assertTrue(missing.getMessage().contains("file not found"), missing.getMessage());
    }
}
