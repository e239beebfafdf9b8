package dev.tessera.bench;

/**
 * One measured figure. {@code limitFraction} compares it with this machine's limit (memory bandwidth for
 * decode, fp32 FMA peak for prefill and vision), null where no limit applies.
 */
public record Figure(String name, double value, String unit, Double limitFraction, String note) {}
