package dev.tessera.desktop.app;

import dev.tessera.desktop.engine.ModelDescription;
import dev.tessera.desktop.engine.ModelSummary;

/** "memory 1.2 GiB of 16.0 GiB": the JVM's heap in use plus the mapped weights, against the machine's memory. */
public final class MemoryMeter {
    private MemoryMeter() {}

    public static long physicalBytes() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getTotalMemorySize();
        return Runtime.getRuntime().maxMemory();
    }

    public static String text(ModelDescription model) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory() + (model == null ? 0 : model.weightBytes());
        return "memory " + ModelSummary.gib(used) + " of " + ModelSummary.gib(physicalBytes());
    }
}
