package dev.tessera.engine.quant;

import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.safetensors.TensorInfo;
import dev.tessera.engine.tensor.Quantization;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which tensors of a checkpoint are quantized, and to what. The decoder's projections (self- and
 * cross-attention q/k/v/o, MLP gate/up/down) take the chosen format: they are nearly all of the bytes a decoded
 * token reads. The output head takes Q8_0 even under Q4_0 (llama.cpp keeps it wider too: its errors land
 * directly on the logits). Everything else stays exact: norms, biases, gates, token embeddings (one row is read
 * per token), the projector, and the vision tower, whose cost is compute, which quantization does not lower.
 */
public final class QuantPlan {
    private QuantPlan() {}

    /** Tensor name -> format, in checkpoint order; empty for BF16. */
    public static Map<String, Quantization> of(Checkpoint ckpt, Quantization q) {
        Map<String, Quantization> plan = new LinkedHashMap<>();
        if (q == Quantization.BF16) return plan;
        for (String name : ckpt.names()) {
            Quantization f = formatFor(ckpt.info(name), q);
            if (f != null) plan.put(name, f);
        }
        return plan;
    }

    static Quantization formatFor(TensorInfo info, Quantization q) {
        String name = info.name();
        long[] shape = info.shape();
        if (shape.length != 2 || !info.dtype().isFloat()) return null;
        if (name.startsWith("vision_model.") || name.startsWith("multi_modal_projector.")) return null;
        if (name.endsWith("lm_head.weight")) return Quantization.Q8_0;
        if (name.contains(".layers.") && name.endsWith("_proj.weight")) return q;
        return null;
    }
}
