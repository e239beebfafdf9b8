package dev.tessera.engine.gguf;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** Where a tensor's bytes go: the writer's file, at the tensor's offset. */
public interface GgufSink {
    /** Appends all bytes of {@code bytes}. */
    void write(MemorySegment bytes) throws IOException;
}
