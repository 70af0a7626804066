package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/** 429/503 retries, connection failures (idempotent only), and the response size limit. */
class RetriesAndLimitsTest extends WithExecFixture {
    @Test
    void tooManyRequestsWithRetryAfterIsRetried() {
        f.server.reply("/api/flaky", RecordingServer.Reply.json(429, "{}").withHeader("Retry-After", "0"),
                RecordingServer.Reply.json(200, "{\"ok\":true}"));
        ExecuteResult r = f.run(f.call("exec:flakyPost"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.retryCount()).isEqualTo(1);
        assertThat(f.server.at("/api/flaky")).hasSize(2);
        assertThat(f.lastAudit().path("retryCount").asInt()).isEqualTo(1);
    }

    @Test
    void retryAfterAsHttpDateInThePastRetriesAtOnce() {
        f.server.reply("/api/flaky",
                RecordingServer.Reply.json(503, "{}").withHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
                RecordingServer.Reply.json(200, "{}"));
        assertThat(f.run(f.call("exec:flakyGet")).retryCount()).isEqualTo(1);
    }

    @Test
    void serviceUnavailableExhaustsAttemptsAndReturnsTheLastAnswer() {
        f.server.reply("/api/flaky", RecordingServer.Reply.json(503, "{\"busy\":true}"));
        ExecuteResult r = f.run(f.call("exec:flakyGet"));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.retryCount()).isEqualTo(2);
        assertThat(f.server.at("/api/flaky")).hasSize(3);
    }

    @Test
    void noRetryIsScheduledPastTheTotalTimeBudget() {
        f.limits = f.limits.withMaxTotalTime(java.time.Duration.ofSeconds(2));
        f.server.reply("/api/flaky", RecordingServer.Reply.json(429, "{}").withHeader("Retry-After", "5"),
                RecordingServer.Reply.json(200, "{}"));
        ExecuteResult r = f.run(f.call("exec:flakyGet"));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.retryCount()).isZero();
        assertThat(f.server.at("/api/flaky")).hasSize(1);
    }

    @Test
    void otherErrorsAreNotRetried() {
        f.server.reply("/api/flaky", RecordingServer.Reply.json(500, "{}"));
        assertThat(f.run(f.call("exec:flakyGet")).retryCount()).isZero();
        assertThat(f.server.at("/api/flaky")).hasSize(1);
    }

    @Test
    void connectionRefusedIsRetriedForGetButNotForPost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        f.baseUrl("http://127.0.0.1:" + port);
        OcliException get = f.failure(f.call("exec:flakyGet"));
        assertThat(get.code()).isEqualTo("upstream_unreachable");
        assertThat(get.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(f.lastAudit().path("retryCount").asInt()).isEqualTo(2);
        assertThat(f.lastAudit().path("decision").asText()).isEqualTo("error");

        OcliException post = f.failure(f.call("exec:flakyPost"));
        assertThat(post.code()).isEqualTo("upstream_unreachable");
        assertThat(f.lastAudit().path("retryCount").asInt()).isZero();
    }

    @Test
    void responsesOverTheLimitAreRefused() {
        f.limits = f.limits.withMaxResponseBytes(16);
        f.server.reply("/api/reports", RecordingServer.Reply.json(200, "{\"data\":\"" + "x".repeat(100) + "\"}"));
        OcliException e = f.failure(f.call("exec:getReport"));
        assertThat(e.code()).isEqualTo("response_too_large");
        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
    }
}
