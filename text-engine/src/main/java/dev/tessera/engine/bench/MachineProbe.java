package dev.tessera.engine.bench;

import dev.tessera.engine.kernels.Parallel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * This machine's limits, measured from Java: memory read bandwidth (the decode bound) and float32 FMA peak
 * (the prefill / vision bound). Figures are the best of a few runs, as peaks should be. Vector API only: callers
 * check {@link dev.tessera.engine.kernels.Simd#ENABLED} first (this class fails to load without the module).
 */
public final class MachineProbe {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    public record Limits(double memoryBandwidthGBs, double fp32Gflops, int threads) {}

    private MachineProbe() {}

    public static Limits measure(int threads) {
        Parallel.setThreads(threads);
        return new Limits(bandwidthGBs(threads), fmaGflops(threads), threads);
    }

    /** Reads a 1 GiB off-heap array with several vector accumulators per thread. */
    static double bandwidthGBs(int threads) {
        long bytes = 1L << 30;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment seg = arena.allocate(bytes, 64);
            seg.fill((byte) 1);
            double best = 0;
            for (int rep = 0; rep < 4; rep++) {
                long t0 = System.nanoTime();
                double[] sink = new double[threads];
                Parallel.forRange(threads, 1, (from, to) -> {
                    for (int t = from; t < to; t++) sink[t] = sum(seg, bytes / threads * t, bytes / threads);
                });
                double s = (System.nanoTime() - t0) / 1e9;
                if (rep > 0) best = Math.max(best, bytes / s / 1e9);
            }
            return best;
        }
    }

    private static double sum(MemorySegment seg, long off, long len) {
        FloatVector a = FloatVector.zero(F), b = a, c = a, d = a;
        int step = F.vectorByteSize();
        long end = off + len - 4L * step;
        for (long i = off; i <= end; i += 4L * step) {
            a = a.add(FloatVector.fromMemorySegment(F, seg, i, ByteOrder.LITTLE_ENDIAN));
            b = b.add(FloatVector.fromMemorySegment(F, seg, i + step, ByteOrder.LITTLE_ENDIAN));
            c = c.add(FloatVector.fromMemorySegment(F, seg, i + 2L * step, ByteOrder.LITTLE_ENDIAN));
            d = d.add(FloatVector.fromMemorySegment(F, seg, i + 3L * step, ByteOrder.LITTLE_ENDIAN));
        }
        return a.add(b).add(c.add(d)).reduceLanes(VectorOperators.ADD);
    }

    /** Independent FMA chains in registers: the arithmetic peak the kernels can approach. */
    static double fmaGflops(int threads) {
        long iters = 50_000_000L;
        double best = 0;
        for (int rep = 0; rep < 4; rep++) {
            long t0 = System.nanoTime();
            float[] sink = new float[threads];
            Parallel.forRange(threads, 1, (from, to) -> {
                for (int t = from; t < to; t++) sink[t] = chains(iters);
            });
            double s = (System.nanoTime() - t0) / 1e9;
            if (rep > 0) best = Math.max(best, threads * iters * 8.0 * F.length() * 2 / s / 1e9);
        }
        return best;
    }

    private static float chains(long iters) {
        FloatVector m = FloatVector.broadcast(F, 0.999999f), k = FloatVector.broadcast(F, 1e-7f);
        FloatVector a = FloatVector.broadcast(F, 1f), b = a, c = a, d = a, e = a, f = a, g = a, h = a;
        for (long i = 0; i < iters; i++) {
            a = a.fma(m, k);
            b = b.fma(m, k);
            c = c.fma(m, k);
            d = d.fma(m, k);
            e = e.fma(m, k);
            f = f.fma(m, k);
            g = g.fma(m, k);
            h = h.fma(m, k);
        }
        return a.add(b).add(c).add(d).add(e).add(f).add(g).add(h).reduceLanes(VectorOperators.ADD);
    }
}
