package dev.tessera.engine.checkpoint;

import java.util.Arrays;

/**
 * One tensor a random checkpoint will hold, and how its values are drawn: uniform in
 * {@code [center - halfWidth, center + halfWidth)}, except the first {@code zeroElements}, which are 0.
 */
public record PlannedTensor(String name, long[] shape, float center, float halfWidth, long zeroElements) {
    public PlannedTensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elements() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
