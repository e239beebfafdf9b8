package dev.tessera.engine.kernels;

import dev.tessera.engine.tensor.WeightMatrix;

/**
 * Matrix-matrix product for prompt batches and the vision encoder: Y (n, rows) = X (n, cols) . W^T. The hot
 * spot of prefill and image encoding: {@link SimdGemm}'s register-blocked kernels, or {@link ScalarKernels}'
 * loops without the Vector API (see {@link Simd}).
 */
public final class Gemm {
    private Gemm() {}

    public static void multiply(WeightMatrix w, float[] x, int n, float[] y) {
        if (Simd.ENABLED) SimdGemm.multiply(w, x, n, y);
        else ScalarKernels.multiply(w, x, n, y);
    }
}
