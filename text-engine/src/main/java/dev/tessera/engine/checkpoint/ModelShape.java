package dev.tessera.engine.checkpoint;

import dev.tessera.engine.config.VisionConfig;

/**
 * The dimensions of a model to generate: a Llama text decoder and, for {@code mllama}, the vision tower.
 * Only what changes a tensor's shape or a {@code config.json} value is here.
 *
 * @param vision null for a plain {@code llama} text model
 */
public record ModelShape(TextShape text, VisionShape vision) {

    /**
     * @param layers      decoder layers in HF numbering (self-attention + cross-attention layers)
     * @param crossLayers indices of the gated cross-attention layers (empty for llama)
     * @param ropeFactor  {@code rope_scaling.factor} (8 for Llama 3.1 and 3.2 Vision, 32 for Llama 3.2 1B)
     * @param writeHeadDim whether {@code config.json} spells out {@code head_dim} (Llama 3.2 1B does)
     */
    public record TextShape(int hiddenSize, int layers, int heads, int kvHeads, int headDim, int intermediateSize,
                            int vocabSize, boolean tiedEmbeddings, int[] crossLayers, double ropeFactor,
                            boolean writeHeadDim) {
        public TextShape {
            crossLayers = crossLayers.clone();
        }

        public int kvDim() {
            return kvHeads * headDim;
        }

        public boolean isCross(int layer) {
            for (int c : crossLayers) if (c == layer) return true;
            return false;
        }

        TextShape withLayers(int layers, int[] crossLayers) {
            return new TextShape(hiddenSize, layers, heads, kvHeads, headDim, intermediateSize, vocabSize,
                    tiedEmbeddings, crossLayers, ropeFactor, writeHeadDim);
        }
    }

    /**
     * @param layers             local ("transformer") encoder layers
     * @param globalLayers       gated global encoder layers
     * @param intermediateLayers local layers whose inputs are concatenated to the output
     */
    public record VisionShape(int hiddenSize, int heads, int layers, int globalLayers, int intermediateSize,
                              int imageSize, int patchSize, int maxTiles, int[] intermediateLayers) {
        public VisionShape {
            intermediateLayers = intermediateLayers.clone();
        }

        public int outputDim() {
            return hiddenSize * (1 + intermediateLayers.length);
        }

        /** Patches per tile including the class token: (S/p)^2 + 1. */
        public int patchesPerTile() {
            int side = imageSize / patchSize;
            return side * side + 1;
        }

        /** Rows of the aspect-ratio tables: one per supported ratio plus row 0 for "no image". */
        public int aspectRatioRows() {
            return VisionConfig.defaultAspectRatios(maxTiles).length + 1;
        }

        VisionShape withLayers(int layers, int globalLayers, int[] intermediateLayers) {
            return new VisionShape(hiddenSize, heads, layers, globalLayers, intermediateSize, imageSize, patchSize,
                    maxTiles, intermediateLayers);
        }
    }

    public boolean isVision() {
        return vision != null;
    }

    /** mllama's embedding has 8 rows past the vocabulary (row 128256 is {@code <|image|>}); llama's has none. */
    public int embedRows() {
        return text.vocabSize() + (isVision() ? 8 : 0);
    }
}
