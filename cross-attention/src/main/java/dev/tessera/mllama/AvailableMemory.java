package dev.tessera.mllama;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory a model may use: what the machine has available for it, and the Java heap limit (the weights are
 * memory-mapped and live outside the heap; the KV cache and image features live on it).
 *
 * @param bytes     memory available to this process beside what it already holds
 * @param source    where {@code bytes} came from, for messages
 * @param heapBytes the heap limit (-Xmx)
 */
public record AvailableMemory(long bytes, String source, long heapBytes) {
    /**
     * For tests of the command line: a JVM started with this system property sees that many bytes available.
     * Never set by the launcher.
     */
    public static final String FAKE_PROPERTY = "tessera.availableMemoryBytes";

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    /**
     * This machine: {@code MemAvailable} of /proc/meminfo on Linux (free memory plus the page cache the kernel
     * can drop, which is what a memory-mapped model can use without pushing anything out to swap); elsewhere
     * the physical memory, since macOS and Windows report no comparable figure to Java.
     */
    public static AvailableMemory ofSystem() {
        long heap = Runtime.getRuntime().maxMemory();
        String fake = System.getProperty(FAKE_PROPERTY);
        if (fake != null) return new AvailableMemory(Long.parseLong(fake.strip()), FAKE_PROPERTY, heap);
        long available = memAvailable(MEMINFO);
        if (available > 0) return new AvailableMemory(available, "MemAvailable in /proc/meminfo", heap);
        return new AvailableMemory(ModelInfo.totalMemoryBytes(), "physical memory", heap);
    }

    /** MemAvailable in bytes from a /proc/meminfo-format file, or -1 when absent or unreadable. */
    static long memAvailable(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.substring("MemAvailable:".length()).strip().split("\\s+");
                    long value = Long.parseLong(parts[0]);
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unusual /proc: fall back to the physical memory
        }
        return -1;
    }
}
