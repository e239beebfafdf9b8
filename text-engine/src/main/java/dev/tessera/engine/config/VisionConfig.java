package dev.tessera.engine.config;

/** The mllama vision encoder's hyper-parameters ({@code vision_config}). */
public record VisionConfig(
        int hiddenSize,               // Hv
        int attentionHeads,           // JSON key "attention_heads"
        int numHiddenLayers,          // local transformer layers
        int numGlobalLayers,          // gated global transformer layers
        int intermediateSize,
        int imageSize,                // tile edge S
        int patchSize,                // p
        int numChannels,
        int maxNumTiles,
        int[] intermediateLayersIndices,
        int visionOutputDim,
        double normEps,
        int[][] supportedAspectRatios) {

    static VisionConfig read(JsonFields v) {
        int hidden = v.positiveInt("hidden_size");
        int heads = v.has("attention_heads") ? v.positiveInt("attention_heads") : v.positiveInt("num_attention_heads");
        if (hidden % heads != 0) throw v.bad("hidden_size", "(" + hidden + ") is not a multiple of attention_heads");
        int image = v.positiveInt("image_size"), patch = v.positiveInt("patch_size");
        if (image % patch != 0) throw v.bad("image_size", "(" + image + ") is not a multiple of patch_size (" + patch + ")");
        int layers = v.positiveInt("num_hidden_layers");
        int[] inter = v.intList("intermediate_layers_indices", new int[0]);
        for (int i : inter) {
            if (i < 0 || i >= layers) throw v.bad("intermediate_layers_indices", "index " + i + " is outside 0.." + (layers - 1));
        }
        int outDim = v.integer("vision_output_dim", hidden * (1 + inter.length));
        if (outDim != hidden * (1 + inter.length)) {
            throw v.bad("vision_output_dim", "(" + outDim + ") must equal hidden_size x (1 + number of intermediate layers) = "
                    + hidden * (1 + inter.length));
        }
        int maxTiles = v.integer("max_num_tiles", 4);
        int[][] ratios;
        if (v.has("supported_aspect_ratios")) {
            var arr = v.node().get("supported_aspect_ratios");
            if (!arr.isArray()) throw v.bad("supported_aspect_ratios", "must be a list of [rows, cols] pairs");
            ratios = new int[arr.size()][];
            for (int i = 0; i < ratios.length; i++) {
                var p = arr.get(i);
                if (!p.isArray() || p.size() != 2 || !p.get(0).isIntegralNumber() || !p.get(1).isIntegralNumber()) {
                    throw v.bad("supported_aspect_ratios", "entry " + i + " is not a [rows, cols] pair");
                }
                ratios[i] = new int[] {p.get(0).asInt(), p.get(1).asInt()};
            }
        } else {
            ratios = defaultAspectRatios(maxTiles);
        }
        return new VisionConfig(hidden, heads, layers, v.integer("num_global_layers", 0), v.positiveInt("intermediate_size"),
                image, patch, v.integer("num_channels", 3), maxTiles, inter, outDim, v.number("norm_eps", 1e-5), ratios);
    }

    /** (rows, cols) with rows*cols <= maxTiles, rows outer, as MllamaImageProcessor enumerates them. */
    public static int[][] defaultAspectRatios(int maxTiles) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (int r = 1; r <= maxTiles; r++) {
            for (int c = 1; c <= maxTiles; c++) if (r * c <= maxTiles) out.add(new int[] {r, c});
        }
        return out.toArray(int[][]::new);
    }

    public int headDim() {
        return hiddenSize / attentionHeads;
    }

    /** Patches per tile including the class token: (S/p)^2 + 1. */
    public int patchesPerTile() {
        int side = imageSize / patchSize;
        return side * side + 1;
    }

    /** Patches per tile padded to a multiple of 8. */
    public int paddedPatchesPerTile() {
        return (patchesPerTile() + 7) / 8 * 8;
    }
}
