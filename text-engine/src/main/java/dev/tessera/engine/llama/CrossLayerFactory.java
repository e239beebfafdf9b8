package dev.tessera.engine.llama;

import dev.tessera.engine.config.TextConfig;
import dev.tessera.engine.safetensors.Checkpoint;

/**
 * Builds the decoder layers listed in {@code cross_attention_layers}. The text engine knows only that they
 * exist; the cross-attention module supplies them. Without a factory they pass their input through, which is
 * exactly what a text-only prompt needs (no token sees an image).
 */
@FunctionalInterface
public interface CrossLayerFactory {
    DecoderLayer create(Checkpoint ckpt, String prefix, int layer, TextConfig cfg);

    CrossLayerFactory SKIP = (ckpt, prefix, layer, cfg) -> DecoderLayer.IDENTITY;
}
