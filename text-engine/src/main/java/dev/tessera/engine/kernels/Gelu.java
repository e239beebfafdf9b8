package dev.tessera.engine.kernels;

/**
 * The exact (erf) GELU, {@code gelu(x) = x/2 * (1 + erf(x / sqrt 2))} as torch's {@code nn.GELU()}, vectorised.
 *
 * <p>erf(z) for |z| < 4 comes from a table at steps of 1/64 plus a 4-term Taylor expansion around the nearest
 * table point x0 (|h| <= 1/128), using erf' = 2/sqrt(pi) e^(-x^2) =: D, erf'' = -2x D, erf''' = (4x^2 - 2) D,
 * erf'''' = (12x - 8x^3) D:
 * <pre>
 *   erf(x0 + h) = erf(x0) + D(x0) h (1 - x0 h + (2 x0^2 - 1)/3 h^2 + (3 x0 - 2 x0^3)/6 h^3)
 * </pre>
 * The truncation error is below 4e-12, so the result is erf rounded to float32 within about an ulp (the table
 * holds double-precision values of {@link Erf}); beyond 4, erf is 1 in float32. The vector code ({@link SimdGelu})
 * gathers erf(x0) and D(x0) by index, about 40x faster than the double-precision form {@link #scalar}, which is
 * what runs without the Vector API (see {@link Simd}).
 */
public final class Gelu {
    static final int STEPS = 64;          // table points per unit of z
    static final float Z_MAX = 4f;        // erf(4) = 1 - 1.5e-8: 1 in float32
    static final float[] ERF, DERIV;      // erf(i/64), 2/sqrt(pi) exp(-(i/64)^2) for i in 0 .. 256

    static {
        int n = (int) (Z_MAX * STEPS) + 1;
        ERF = new float[n];
        DERIV = new float[n];
        for (int i = 0; i < n; i++) {
            double x0 = (double) i / STEPS;
            ERF[i] = (float) Erf.erf(x0);
            DERIV[i] = (float) (2 / Math.sqrt(Math.PI) * Math.exp(-x0 * x0));
        }
    }

    private Gelu() {}

    /** gelu(x) in double precision (the reference). */
    public static float scalar(float x) {
        double v = x;
        return (float) (0.5 * v * (1.0 + Erf.erf(v / Math.sqrt(2.0))));
    }

    /** x[i] = gelu(x[i]) for i < n. */
    public static void apply(float[] x, int n) {
        Parallel.forRange(n, 8192, (from, to) -> range(x, from, to, null, 0));
    }

    /** x[r][c] = gelu(x[r][c] + bias[c]) over rows x cols (the fc1 output of a vision MLP). */
    public static void applyWithBias(float[] x, float[] bias, int rows, int cols) {
        Parallel.forRange(rows, Math.max(1, 8192 / cols), (from, to) -> {
            for (int r = from; r < to; r++) range(x, r * cols, (r + 1) * cols, bias, r * cols);
        });
    }

    /** x[i] = gelu(x[i] + bias[i - biasBase]) for i in [from, to); bias may be null. */
    private static void range(float[] x, int from, int to, float[] bias, int biasBase) {
        if (Simd.ENABLED) SimdGelu.range(x, from, to, bias, biasBase);
        else ScalarKernels.gelu(x, from, to, bias, biasBase);
    }
}
