package org.opencli.core.audit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Failures of the store's deliveries past the local record: an exporter's {@code export} or a feed
 * subscriber's hand-off that threw. They never affect the record or the caller's answer, so they
 * are only counted (per exporter or subscriber, read by the readiness check) and logged at a
 * bounded rate: a source's first failure at once, then at most one line per {@code interval} with
 * the count since its last line. The table is bounded too: sources past {@value #MAX_SOURCES}
 * (short-lived subscribers, say) are counted under {@value #OTHER}.
 */
public final class AuditDeliveryFailures {
    static final int MAX_SOURCES = 32;
    static final String OTHER = "other";
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(AuditDeliveryFailures.class.getName());

    /** Where the bounded lines go; the store's default is the platform logger at WARNING. */
    interface Log {
        void warn(String line);
    }

    private static final class Source {
        long total;
        long sinceLine;
        long lastLineNanos;
    }

    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Log log;

    AuditDeliveryFailures() {
        this(DEFAULT_INTERVAL, System::nanoTime, line -> LOG.log(System.Logger.Level.WARNING, line));
    }

    AuditDeliveryFailures(Duration interval, LongSupplier nanoTime, Log log) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.log = log;
    }

    /** {@code source} failed once with {@code cause}; logs when its rate allows. Never throws. */
    void record(String source, Throwable cause) {
        String line = null;
        synchronized (this) {
            Source s = sources.get(source);
            if (s == null) {
                if (sources.size() >= MAX_SOURCES) source = OTHER;
                s = sources.computeIfAbsent(source, k -> new Source());
            }
            s.total++;
            s.sinceLine++;
            long now = nanoTime.getAsLong();
            if (s.total == 1) {
                line = "audit: " + source + " failed (" + cause + "); the local record is unaffected; further "
                        + "failures are logged at most once per " + seconds(intervalNanos) + " s";
            } else if (now - s.lastLineNanos >= intervalNanos) {
                line = "audit: " + source + " failed " + s.sinceLine + " times in the last "
                        + seconds(now - s.lastLineNanos) + " s (" + s.total + " in all); the latest: " + cause;
            }
            if (line == null) return;
            s.sinceLine = 0;
            s.lastLineNanos = now;
        }
        try {
            log.warn(line);
        } catch (RuntimeException ignored) {
            // logging must not turn a counted failure into one of the store's own
        }
    }

    /** Failures so far per source (exporter or subscriber name), in the order each first failed. */
    public synchronized Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        sources.forEach((name, s) -> counts.put(name, s.total));
        return counts;
    }

    private static long seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }
}
