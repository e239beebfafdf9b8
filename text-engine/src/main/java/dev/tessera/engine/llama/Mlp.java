package dev.tessera.engine.llama;

import dev.tessera.engine.kernels.VectorMath;
import dev.tessera.engine.safetensors.Checkpoint;
import dev.tessera.engine.tensor.WeightMatrix;

/** The Llama SwiGLU MLP: down(silu(gate(x)) * up(x)). Shared by self- and cross-attention layers. */
public final class Mlp {
    final WeightMatrix gateProj; // (intermediate, D)
    final WeightMatrix upProj;   // (intermediate, D)
    final WeightMatrix downProj; // (D, intermediate)

    public Mlp(Checkpoint ckpt, String prefix) {
        gateProj = ckpt.tensor(prefix + "gate_proj.weight").asMatrix();
        upProj = ckpt.tensor(prefix + "up_proj.weight").asMatrix();
        downProj = ckpt.tensor(prefix + "down_proj.weight").asMatrix();
    }

    /** out (n, D) = mlp(x (n, D)), the hidden activations in ws. */
    public void forward(float[] x, int n, float[] out, Workspace ws) {
        int hidden = gateProj.rows();
        float[] g = ws.get(Workspace.Slot.GATE, n * hidden), u = ws.get(Workspace.Slot.UP, n * hidden);
        gateProj.matMul(x, n, g);
        upProj.matMul(x, n, u);
        VectorMath.siluMul(g, u, n * hidden);
        downProj.matMul(g, n, out);
    }

    public long weightBytes() {
        return gateProj.storageBytes() + upProj.storageBytes() + downProj.storageBytes();
    }
}
