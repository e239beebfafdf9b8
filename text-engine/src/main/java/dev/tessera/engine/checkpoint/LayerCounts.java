package dev.tessera.engine.checkpoint;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.checkpoint.ModelShape.TextShape;
import dev.tessera.engine.checkpoint.ModelShape.VisionShape;

/**
 * Shrinks (or grows) a preset's layer counts while keeping the layout the real model has, so that a
 * 4-layer test model still exercises what the full model does.
 *
 * <p><b>Cross-attention layers.</b> The published models repeat a period of {@code P} layers with the
 * cross-attention layer at phase {@code φ} (11B and 90B: P = 5, φ = 3, i.e. layers 3, 8, 13 ...; the tiny
 * fixture: P = 3, φ = 1). With only {@code textLayers} given, the model keeps that pattern: cross layers are
 * {@code φ, φ + P, φ + 2P, ...} below {@code textLayers} - the first layers of the real model - and at least
 * one (the last layer) when fewer than φ + 1 layers are asked for. With {@code crossLayers = k} given as
 * well, the k layers are spread evenly over the decoder at the same relative phase:
 * {@code index_j = floor((j·P + φ + 1) · textLayers / (k·P)) - 1}, which reproduces 3, 8, ..., 38 for
 * 40 layers and 8 cross layers, and [1, 4] for the tiny fixture.
 *
 * <p><b>Vision intermediate layers.</b> Their indices are scaled with the local layer count
 * ({@code floor(i · layers / presetLayers)}, kept distinct), so the projector keeps its real width
 * (7680 = 1280 × 6) as long as there are at least 5 local layers.
 */
final class LayerCounts {
    private LayerCounts() {}

    static TextShape text(TextShape preset, int textLayers, int crossLayers, boolean vision) {
        int total = textLayers < 0 ? preset.layers() : textLayers;
        if (total < 1) throw new BadInputException("textLayers must be at least 1, got " + total);
        if (!vision) {
            if (crossLayers > 0) throw new BadInputException("crossLayers applies to mllama presets only");
            return preset.withLayers(total, new int[0]);
        }
        int[] real = preset.crossLayers();
        int phase = real.length > 0 ? real[0] : 3;
        int period = real.length > 1 ? real[1] - real[0] : 5;
        if (crossLayers < 0) {
            if (total == preset.layers()) return preset;
            return preset.withLayers(total, periodic(total, phase, period));
        }
        if (crossLayers > total) {
            throw new BadInputException("crossLayers (" + crossLayers + ") exceeds textLayers (" + total + ")");
        }
        return preset.withLayers(total, spread(total, crossLayers, phase, period));
    }

    static int[] periodic(int total, int phase, int period) {
        if (total <= phase) return new int[] {total - 1};
        int[] out = new int[(total - phase + period - 1) / period];
        for (int j = 0; j < out.length; j++) out[j] = phase + j * period;
        return out;
    }

    static int[] spread(int total, int k, int phase, int period) {
        int[] out = new int[k];
        int prev = -1;
        for (int j = 0; j < k; j++) {
            long idx = ((long) j * period + phase + 1) * total / ((long) k * period) - 1;
            out[j] = (int) Math.min(Math.max(idx, prev + 1), total - k + j);
            prev = out[j];
        }
        return out;
    }

    static VisionShape vision(VisionShape preset, int visionLayers, int globalLayers) {
        int layers = visionLayers < 0 ? preset.layers() : visionLayers;
        int global = globalLayers < 0 ? preset.globalLayers() : globalLayers;
        if (layers < 1) throw new BadInputException("visionLayers must be at least 1, got " + layers);
        if (global < 0) throw new BadInputException("globalLayers must not be negative, got " + global);
        int[] real = preset.intermediateLayers();
        int n = Math.min(real.length, layers);
        int[] inter = new int[n];
        int prev = -1;
        for (int j = 0; j < n; j++) {
            long idx = (long) real[real.length - n + j] * layers / preset.layers();
            inter[j] = (int) Math.min(Math.max(idx, prev + 1), layers - n + j);
            prev = inter[j];
        }
        return preset.withLayers(layers, global, inter);
    }
}
