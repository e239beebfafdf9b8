package dev.tessera.desktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.engine.quant.WeightOptions;
import org.junit.jupiter.api.Test;

/** Each choice of Settings → Decoder weights becomes the engine's quantization of the same name, cached. */
class WeightOptionsMappingTest {
    @Test
    void eachFormatMapsToTheEnginesQuantization() {
        for (WeightFormat w : WeightFormat.values()) {
            WeightOptions o = VlmChatEngine.weightOptions(w);
            assertEquals(w.id(), o.quant().id());
            assertEquals(WeightOptions.defaultCacheRoot(), o.cacheRoot());
            assertEquals(w, WeightFormat.parse(w.id()));
        }
        assertEquals(WeightFormat.BF16, WeightFormat.parse("nonsense"));
    }
}
