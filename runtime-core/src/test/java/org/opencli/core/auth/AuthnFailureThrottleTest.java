package org.opencli.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencli.core.audit.AuditRecord;

class AuthnFailureThrottleTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void theFirstFailuresOfAWindowAreRecordedAndTheRestSummarisedByReasonWhenItIsOver() {
        AuthnFailureThrottle throttle = new AuthnFailureThrottle(3, 60, 100);
        for (int i = 0; i < 3; i++) assertThat(throttle.admit("10.0.0.5", "expired", T0.plusSeconds(i))).isTrue();
        assertThat(throttle.admit("10.0.0.5", "expired", T0.plusSeconds(3))).isFalse();
        assertThat(throttle.admit("10.0.0.5", "bad_signature", T0.plusSeconds(4))).isFalse();
        assertThat(throttle.admit("10.0.0.5", "expired", T0.plusSeconds(5))).isFalse();
        // another source has its own allowance
        assertThat(throttle.admit("10.0.0.6", "missing", T0.plusSeconds(5))).isTrue();

        assertThat(throttle.due(T0.plusSeconds(59))).as("the window is not over yet").isEmpty();

        List<AuditRecord> due = throttle.due(T0.plusSeconds(60));
        assertThat(due).hasSize(1);
        AuditRecord summary = due.get(0);
        assertThat(summary.eventType()).isEqualTo(AuditRecord.AUTHN_FAILURE);
        assertThat(summary.decision()).isEqualTo("deny");
        assertThat(summary.reasonCode()).isEqualTo(AuthnFailureThrottle.REPEATED);
        assertThat(summary.code()).isEqualTo(TokenRejected.CODE);
        assertThat(summary.timestamp()).isEqualTo(T0.plusSeconds(60).toString());
        assertThat(summary.detail()).startsWith("3 further authentication failures from 10.0.0.5 between "
                + T0.plusSeconds(3) + " and " + T0.plusSeconds(5))
                .contains("limit 3 records per source per 60 s")
                .endsWith(": bad_signature 1, expired 2");
        assertThat(throttle.due(T0.plusSeconds(120))).as("reported once").isEmpty();
    }

    @Test
    void aNewWindowRecordsAgainAndTheOldOnesSummaryIsStillReported() {
        AuthnFailureThrottle throttle = new AuthnFailureThrottle(1, 10, 100);
        assertThat(throttle.admit("::1", "missing", T0)).isTrue();
        assertThat(throttle.admit("::1", "missing", T0.plusSeconds(1))).isFalse();
        assertThat(throttle.admit("::1", "missing", T0.plusSeconds(10))).as("next window").isTrue();
        assertThat(throttle.admit("::1", "missing", T0.plusSeconds(11))).isFalse();

        List<AuditRecord> due = throttle.due(T0.plusSeconds(12));
        assertThat(due).hasSize(1);
        assertThat(due.get(0).detail()).startsWith("1 further authentication failure from ::1 between " + T0.plusSeconds(1)
                + " and " + T0.plusSeconds(1));
        assertThat(throttle.due(T0.plusSeconds(20))).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("between " + T0.plusSeconds(11)));
    }

    @Test
    void aWindowWithoutCountedFailuresLeavesNoSummary() {
        AuthnFailureThrottle throttle = new AuthnFailureThrottle(5, 10, 100);
        for (int i = 0; i < 5; i++) assertThat(throttle.admit("10.0.0.5", "expired", T0)).isTrue();
        assertThat(throttle.due(T0.plusSeconds(10))).isEmpty();
        assertThat(throttle.pending(T0.plusSeconds(10))).isEmpty();
    }

    @Test
    void zeroPerSourceRecordsEveryFailure() {
        AuthnFailureThrottle throttle = new AuthnFailureThrottle(0, 60, 1);
        for (int i = 0; i < 1000; i++) assertThat(throttle.admit("10.0.0." + (i % 7), "expired", T0)).isTrue();
        assertThat(throttle.due(T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void sourcesBeyondTheBoundShareOneBucket() {
        AuthnFailureThrottle throttle = new AuthnFailureThrottle(2, 60, 2);
        assertThat(throttle.admit("10.0.0.1", "expired", T0)).isTrue();
        assertThat(throttle.admit("10.0.0.2", "expired", T0)).isTrue();
        // two addresses are tracked: every further address counts against one shared allowance
        assertThat(throttle.admit("10.0.0.3", "expired", T0)).isTrue();
        assertThat(throttle.admit("10.0.0.4", "expired", T0)).isTrue();
        assertThat(throttle.admit("10.0.0.5", "expired", T0)).isFalse();
        assertThat(throttle.admit("10.0.0.6", "missing", T0)).isFalse();

        assertThat(throttle.due(T0.plusSeconds(60))).singleElement()
                .satisfies(r -> assertThat(r.detail()).startsWith("2 further authentication failures from "
                        + AuthnFailureThrottle.OTHER_SOURCES).endsWith(": expired 1, missing 1"));
    }

    @Test
    void anUnknownAddressIsASourceOfItsOwn() {
        AuthnFailureThrottle throttle = new AuthnFailureThrottle(1, 60, 10);
        assertThat(throttle.admit(null, "missing", T0)).isTrue();
        assertThat(throttle.admit(" ", "missing", T0)).isFalse();
        assertThat(throttle.pending(T0)).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("from " + AuthnFailureThrottle.UNKNOWN_SOURCE));
    }

    @Test
    void pendingReportsOpenWindowsBeforeTheyAreOverAndOnlyOnce() {
        AuthnFailureThrottle throttle = new AuthnFailureThrottle(1, 60, 10);
        throttle.admit("10.0.0.5", "expired", T0);
        throttle.admit("10.0.0.5", "expired", T0.plusSeconds(1));
        throttle.admit("10.0.0.6", "expired", T0);
        assertThat(throttle.pending(T0.plusSeconds(2))).singleElement()
                .satisfies(r -> assertThat(r.detail()).startsWith("1 further authentication failure from 10.0.0.5"));
        assertThat(throttle.pending(T0.plusSeconds(3))).isEmpty();
        assertThat(throttle.due(T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void badSettingsAreRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> new AuthnFailureThrottle(-1, 60, 10)).hasMessage("perSource must be >= 0, got -1");
        assertThatThrownBy(() -> new AuthnFailureThrottle(1, 0, 10)).hasMessage("windowSeconds must be >= 1, got 0");
        assertThatThrownBy(() -> new AuthnFailureThrottle(1, 1, 0)).hasMessage("maxSources must be >= 1, got 0");
    }
}
