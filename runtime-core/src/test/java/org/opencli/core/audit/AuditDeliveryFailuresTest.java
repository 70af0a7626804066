package org.opencli.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Counting per source and the bounded log rate, on a clock the test moves. */
class AuditDeliveryFailuresTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> lines = new ArrayList<>();
    private final AuditDeliveryFailures failures = new AuditDeliveryFailures(Duration.ofSeconds(60), now::get, lines::add);

    @Test
    void firstFailureIsLoggedAtOnceThenAtMostOneLinePerIntervalWithTheCountSince() {
        IllegalStateException cause = new IllegalStateException("collector down");
        for (int i = 0; i < 100; i++) failures.record("syslog exporter h:1", cause);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("syslog exporter h:1 failed (java.lang.IllegalStateException: collector down)")
                .contains("at most once per 60 s");

        advance(30);
        failures.record("syslog exporter h:1", cause);
        assertThat(lines).as("still inside the interval").hasSize(1);

        advance(31);
        failures.record("syslog exporter h:1", cause);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("failed 101 times in the last 61 s (102 in all)")
                .contains("collector down");

        failures.record("syslog exporter h:1", cause);
        assertThat(lines).as("a new interval starts at the last line").hasSize(2);
        assertThat(failures.counts()).containsExactly(java.util.Map.entry("syslog exporter h:1", 103L));
    }

    @Test
    void eachSourceHasItsOwnCountAndRateAndTheTableIsBounded() {
        failures.record("exporter a", new RuntimeException("x"));
        failures.record("exporter b", new RuntimeException("y"));
        assertThat(lines).hasSize(2);
        for (int i = 0; i < AuditDeliveryFailures.MAX_SOURCES + 5; i++) {
            failures.record("feed subscriber #" + i, new RuntimeException("gone"));
        }
        assertThat(failures.counts()).hasSize(AuditDeliveryFailures.MAX_SOURCES + 1)
                .containsEntry("exporter a", 1L).containsEntry("exporter b", 1L)
                .containsEntry(AuditDeliveryFailures.OTHER, 7L);
    }

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}
