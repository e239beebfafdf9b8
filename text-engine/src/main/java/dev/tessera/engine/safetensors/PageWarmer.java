package dev.tessera.engine.safetensors;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a loaded model's memory-mapped weights in the page cache while it sits idle. These machines' kernel
 * reclaims file pages untouched for about 30 s (perf-targets.md), so after a pause the next question would
 * re-read gigabytes from disk before its first token. Reading one byte of every 4 KiB page each period marks
 * the pages as used: about 5 million loads for 21 GB of BF16 weights, well under a second of one low-priority
 * thread per period. Tensors replaced by quantized copies in process memory are not touched (they are unused).
 */
final class PageWarmer implements AutoCloseable {
    private static final long PAGE = 4096;
    private final Thread thread;
    private volatile boolean stopped;
    @SuppressWarnings("unused")
    private volatile long sink; // keeps the loads from being optimised away

    private PageWarmer(List<MemorySegment> segments, Duration period) {
        thread = Thread.ofPlatform().daemon().name("tessera-page-warmer").priority(Thread.MIN_PRIORITY).unstarted(() -> {
            while (!stopped) {
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
                long s = 0;
                for (MemorySegment seg : segments) {
                    for (long off = 0; off < seg.byteSize() && !stopped; off += PAGE) s += seg.get(ValueLayout.JAVA_BYTE, off);
                }
                sink = s;
            }
        });
    }

    static PageWarmer start(Checkpoint ckpt, Duration period) {
        List<MemorySegment> segments = new ArrayList<>();
        for (String name : ckpt.names()) {
            if (!ckpt.replaced(name)) segments.add(ckpt.tensor(name).segment());
        }
        PageWarmer w = new PageWarmer(segments, period);
        w.thread.start();
        return w;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(1000); // the segments' mapping is closed right after: the thread must be done with them
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
