package dev.tessera.engine.llama;

import dev.tessera.engine.config.RopeScaling;
import dev.tessera.engine.config.TextConfig;

/**
 * Rotary position embedding in the "rotate_half" convention of Hugging Face checkpoints (their q/k weights
 * were permuted for it): dimension i pairs with i + headDim/2.
 * Frequencies follow the config's {@code rope_theta} and {@code rope_scaling} (Llama 3 scaling), computed in
 * float32 as the reference does, so angles round the same way.
 */
public final class Rope {
    private final int headDim;
    private final float[] invFreq; // (headDim/2)
    private float[] cos = new float[0], sin = new float[0]; // (positions, headDim/2), grown on demand
    private int cached;

    public Rope(TextConfig cfg) {
        this.headDim = cfg.headDim();
        this.invFreq = inverseFrequencies(headDim, (float) cfg.ropeTheta(), cfg.ropeScaling());
    }

    static float[] inverseFrequencies(int headDim, float theta, RopeScaling s) {
        int half = headDim / 2;
        float[] f = new float[half];
        for (int i = 0; i < half; i++) {
            float exponent = (float) (2 * i) / (float) headDim;
            f[i] = (float) (1.0 / (float) Math.pow(theta, exponent));
        }
        if (!s.type().equals("llama3")) return f;
        float factor = (float) s.factor(), low = (float) s.lowFreqFactor(), high = (float) s.highFreqFactor();
        float oldLen = s.originalMaxPositionEmbeddings();
        float lowWavelen = oldLen / low, highWavelen = oldLen / high;
        for (int i = 0; i < half; i++) {
            float wavelen = (float) (2 * Math.PI) / f[i];
            float scaled = wavelen > lowWavelen ? f[i] / factor : f[i];
            if (!(wavelen < highWavelen) && !(wavelen > lowWavelen)) {
                float smooth = (oldLen / wavelen - low) / (high - low);
                scaled = (1 - smooth) * scaled / factor + smooth * scaled;
            }
            f[i] = scaled;
        }
        return f;
    }

    private synchronized void ensure(int positions) {
        if (positions <= cached) return;
        int cap = Math.max(positions, Math.max(256, cached * 2));
        int half = headDim / 2;
        float[] c = java.util.Arrays.copyOf(cos, cap * half), s = java.util.Arrays.copyOf(sin, cap * half);
        for (int p = cached; p < cap; p++) {
            for (int i = 0; i < half; i++) {
                float angle = p * invFreq[i]; // float32 product, as torch's
                c[p * half + i] = (float) Math.cos(angle);
                s[p * half + i] = (float) Math.sin(angle);
            }
        }
        cos = c;
        sin = s;
        cached = cap;
    }

    /** Rotates {@code heads} heads of vector x[off ..] in place for position pos. */
    public void apply(float[] x, int off, int heads, int pos) {
        ensure(pos + 1);
        int half = headDim / 2, base = pos * half;
        float[] c = cos, s = sin;
        for (int h = 0; h < heads; h++) {
            int o = off + h * headDim;
            for (int i = 0; i < half; i++) {
                float x1 = x[o + i], x2 = x[o + i + half];
                float ci = c[base + i], si = s[base + i];
                x[o + i] = x1 * ci - x2 * si;
                x[o + i + half] = x2 * ci + x1 * si;
            }
        }
    }
}
