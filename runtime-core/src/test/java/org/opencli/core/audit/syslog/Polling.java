package org.opencli.core.audit.syslog;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting on a condition with a deadline: never a fixed sleep standing in for the condition. */
final class Polling {
    private Polling() {
    }

    /** Yields the CPU briefly between two checks of a condition. */
    static void pause() {
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            pause();
        }
    }
}
