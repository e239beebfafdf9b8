package dev.tessera.engine.kernels;

/**
 * Whether the kernels use the Vector API ({@code jdk.incubator.vector}) or their plain-Java fallback.
 *
 * <p>The Vector API is an incubator module: a JVM started without {@code --add-modules jdk.incubator.vector}
 * cannot load {@code FloatVector}, and a class holding one in a static field then fails to initialise with
 * {@code NoClassDefFoundError}. So this class names no vector type; the public kernels ({@link VectorMath},
 * {@link Gemm}, {@link Gelu}, {@link TiledAttention}, {@link Bf16}, the weight matrices) test {@link #ENABLED}
 * and call either their {@code Simd*} class, touched only when it is true, or {@link ScalarKernels}. Being a
 * static final boolean, the test is a constant to C2: the vector path compiles exactly as without it.
 *
 * <p>System property {@code tessera.vector=false} forces the scalar path even where the module is present (for
 * tests, and for users who hit a Vector API bug on their JVM).
 */
public final class Simd {
    private static final boolean MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    public static final boolean ENABLED = MODULE && !"false".equalsIgnoreCase(System.getProperty("tessera.vector"));

    private Simd() {}

    /** Which kernels run, and why, in a few words (for {@code tessera inspect}). */
    public static String describe() {
        if (ENABLED) return "Vector API, " + SimdMath.lanes() + " floats a vector";
        return MODULE ? "scalar (-Dtessera.vector=false)"
                : "scalar (java was started without --add-modules jdk.incubator.vector)";
    }
}
