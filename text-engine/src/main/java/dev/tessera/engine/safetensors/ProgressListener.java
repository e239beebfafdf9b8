package dev.tessera.engine.safetensors;

/** Told how far a long write has come, e.g. to draw a terminal progress line. Called on the writing thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> {};

    /** {@code bytesDone} of {@code bytesTotal} tensor bytes are written (headers are not counted). */
    void progress(long bytesDone, long bytesTotal);

    /** This listener, seeing {@code base} more bytes done and {@code total} as the total: one shard of many. */
    default ProgressListener offset(long base, long total) {
        return (done, ignored) -> progress(base + done, total);
    }
}
