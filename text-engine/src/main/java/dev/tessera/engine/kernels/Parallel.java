package dev.tessera.engine.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The one thread pool the kernels run on, sized to the cores (or {@code --threads}). Work is split into
 * contiguous ranges; callers pick a grain so that each range is worth a task (a few microseconds at least).
 */
public final class Parallel {
    private static volatile ForkJoinPool pool = newPool(Runtime.getRuntime().availableProcessors());

    private Parallel() {}

    /** Sets the number of worker threads (1 = run on the caller only). */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
        if (threads == pool.getParallelism()) return;
        ForkJoinPool old = pool;
        pool = newPool(threads);
        old.shutdown();
    }

    public static int threads() {
        return pool.getParallelism();
    }

    private static ForkJoinPool newPool(int n) {
        return new ForkJoinPool(n, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("tessera-kernel-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** Runs body over [0, n) in ranges of at least {@code grain} items, spread over the pool. */
    public static void forRange(int n, int grain, Range body) {
        if (n <= 0) return;
        int threads = pool.getParallelism();
        int tasks = Math.min(Math.max(1, n / Math.max(grain, 1)), threads * 4);
        if (tasks <= 1 || threads == 1) {
            body.run(0, n);
            return;
        }
        pool.invoke(new Split(body, 0, tasks, n, tasks));
    }

    /** Runs body(i) for each i in [0, n), one task per index. For coarse items (heads, row blocks). */
    public static void forEach(int n, java.util.function.IntConsumer body) {
        forRange(n, 1, (from, to) -> {
            for (int i = from; i < to; i++) body.accept(i);
        });
    }

    /** Binary splitting of task indices [lo, hi) of `tasks` equal parts of [0, n). */
    private static final class Split extends RecursiveAction {
        final Range body;
        final int lo, hi, n, tasks;

        Split(Range body, int lo, int hi, int n, int tasks) {
            this.body = body;
            this.lo = lo;
            this.hi = hi;
            this.n = n;
            this.tasks = tasks;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                int from = (int) ((long) n * lo / tasks), to = (int) ((long) n * hi / tasks);
                if (from < to) body.run(from, to);
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Split(body, lo, mid, n, tasks), new Split(body, mid, hi, n, tasks));
        }
    }
}
