package dev.tessera.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tessera.engine.kernels.Bf16;
import dev.tessera.engine.tensor.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vectorized fill must give exactly the scalar reference's values, wherever a piece starts and ends. */
class RandomFillTest {
    @ParameterizedTest
    @CsvSource({"BF16, 0, 3000", "BF16, 1, 999", "BF16, 37, 2051", "BF16, 600, 7", "F32, 0, 3000", "F32, 3, 1001",
                "F32, 130, 2"})
    void vectorAndScalarPathsAgreeBitForBit(DType dtype, long firstElement, int count) {
        PlannedTensor t = new PlannedTensor("layers.0.mlp.up_proj.weight", new long[] {4096}, 0.25f, 0.1f, 100);
        RandomFill fill = new RandomFill(42, t, dtype);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate((long) count * dtype.bytes());
            fill.fill(firstElement * dtype.bytes(), seg);
            for (int k = 0; k < count; k++) {
                long i = firstElement + k;
                float want = fill.value(i);
                if (dtype == DType.BF16) {
                    short got = seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 2L * k);
                    assertEquals(Bf16.fromFloat(want), got, "element " + i);
                } else {
                    float got = seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4L * k);
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), "element " + i);
                }
                if (i < 100) assertEquals(0f, want, "zero prefix");
                else assertEquals(0.25f, want, 0.1f + 1e-6f, "range");
            }
        }
    }

    @Test
    void seedAndNameChooseTheValues() {
        PlannedTensor a = new PlannedTensor("a.weight", new long[] {64}, 0, 1, 0);
        PlannedTensor b = new PlannedTensor("b.weight", new long[] {64}, 0, 1, 0);
        float[] a0 = values(new RandomFill(0, a, DType.F32)), a0again = values(new RandomFill(0, a, DType.F32));
        assertEquals(java.util.Arrays.toString(a0), java.util.Arrays.toString(a0again));
        assertNotEquals(java.util.Arrays.toString(a0), java.util.Arrays.toString(values(new RandomFill(1, a, DType.F32))));
        assertNotEquals(java.util.Arrays.toString(a0), java.util.Arrays.toString(values(new RandomFill(0, b, DType.F32))));
    }

    private static float[] values(RandomFill f) {
        float[] out = new float[64];
        for (int i = 0; i < out.length; i++) out[i] = f.value(i);
        return out;
    }
}
