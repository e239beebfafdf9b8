package dev.tessera.mllama;

import dev.tessera.engine.config.ModelConfig;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.tensor.WeightMatrix;

/** {@code multi_modal_projector}: vision_output_dim -> text hidden D, with bias. */
public final class MultiModalProjector {
    private final WeightMatrix weight; // (D, vision_output_dim)
    private final float[] bias;        // (D)

    public MultiModalProjector(Checkpoint ckpt, ModelConfig cfg) {
        int d = cfg.text().hiddenSize(), in = cfg.vision().visionOutputDim();
        weight = ckpt.tensor("multi_modal_projector.weight").expectShape(d, in).asMatrix();
        bias = ckpt.tensor("multi_modal_projector.bias").expectShape(d).toFloatArray();
    }

    /** (n, D) = features (n, vision_output_dim) . W^T + b. */
    public float[] project(float[] features, int n) {
        int d = bias.length;
        float[] out = weight.matMul(features, n);
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < d; i++) out[t * d + i] += bias[i];
        }
        return out;
    }
}
