package dev.tessera.engine.tokenizer;

import java.util.Arrays;

/** Growable byte array: the decoders collect token bytes here before reading them as UTF-8. */
final class ByteList {
    private byte[] a;
    private int n;

    ByteList(int capacity) {
        a = new byte[Math.max(16, capacity)];
    }

    void add(byte[] bytes) {
        if (n + bytes.length > a.length) a = Arrays.copyOf(a, Math.max(a.length * 2, n + bytes.length));
        System.arraycopy(bytes, 0, a, n, bytes.length);
        n += bytes.length;
    }

    /** Drops the first {@code count} bytes. */
    void removeFirst(int count) {
        System.arraycopy(a, count, a, 0, n - count);
        n -= count;
    }

    byte[] array() {
        return a;
    }

    int size() {
        return n;
    }
}
