package org.opencli.core.engine;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long files confirmed unchanged are trusted without looking at them again. Stat calls on
 * every execution cost more than the rest of a warm execution's preparation; a daemon trusts a
 * check for a short window instead. Monotonic time, so a clock change cannot stretch the window.
 */
final class FreshnessWindow {
    private final long intervalNanos;
    private final LongSupplier ticker;

    FreshnessWindow(Duration interval) {
        this(interval, System::nanoTime);
    }

    /** With {@code ticker} as the monotonic clock (tests move it by hand). */
    FreshnessWindow(Duration interval, LongSupplier ticker) {
        this.intervalNanos = interval == null ? 0 : interval.toNanos();
        this.ticker = ticker;
    }

    long now() {
        return ticker.getAsLong();
    }

    /** True while a check made at {@code checkedAtNanos} still stands. Always false for a zero window. */
    boolean recent(long checkedAtNanos) {
        return intervalNanos > 0 && ticker.getAsLong() - checkedAtNanos < intervalNanos;
    }
}
