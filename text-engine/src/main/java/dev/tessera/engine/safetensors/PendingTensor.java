package dev.tessera.engine.safetensors;

import dev.tessera.engine.tensor.DType;
import java.util.Arrays;

/** A tensor queued for writing: its header entry less the offsets, and where its bytes come from. */
record PendingTensor(String name, DType dtype, long[] shape, TensorSource source) {
    PendingTensor {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("tensor name is empty");
        if (name.equals("__metadata__")) throw new IllegalArgumentException("__metadata__ is not a tensor name");
        shape = shape.clone();
        byteSize(name, dtype, shape);
    }

    long bytes() {
        return byteSize(name, dtype, shape);
    }

    private static long byteSize(String name, DType dtype, long[] shape) {
        long n = dtype.bytes();
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
