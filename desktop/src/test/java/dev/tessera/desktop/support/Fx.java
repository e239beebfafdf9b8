package dev.tessera.desktop.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.testfx.util.WaitForAsyncUtils;

/** Runs test code on the JavaFX thread and waits for conditions evaluated there. */
public final class Fx {
    private Fx() {}

    public static <T> T call(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static void run(Runnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    /** Waits up to 15 s for {@code condition} (checked on the FX thread). */
    public static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            if (call(condition::getAsBoolean)) return;
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("timed out waiting for: " + what);
    }
}
