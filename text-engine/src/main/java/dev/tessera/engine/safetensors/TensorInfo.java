package dev.tessera.engine.safetensors;

import dev.tessera.engine.tensor.DType;
import java.util.Arrays;

/**
 * One entry of a safetensors header: where a tensor's bytes lie inside the file's data section.
 *
 * @param begin offset of the first byte, relative to the start of the data section
 * @param end   offset one past the last byte
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {
    public long elementCount() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    public long byteSize() {
        return end - begin;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
