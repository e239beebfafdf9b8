package dev.tessera.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.engine.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresetTest {
    @Test
    void keywordsAreSplitCleanedAndDeduplicated() {
        assertEquals(List.of("beach", "Sunset", "dog", "waves"),
                Preset.keywords("beach, Sunset; dog\n- waves\n1. Beach\n\"dog\"."));
        assertEquals(List.of(), Preset.keywords(" , ;\n"));
    }

    @Test
    void presetsByName() {
        assertEquals(Preset.ALT_TEXT, Preset.parse("alt-text"));
        assertThrows(BadInputException.class, () -> Preset.parse("poem"));
    }
}
