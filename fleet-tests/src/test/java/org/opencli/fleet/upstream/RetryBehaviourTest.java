package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class RetryBehaviourTest extends RunningUpstream {
    @Test
    void flaky429FailsNTimesWithRetryAfterThenSucceeds() throws Exception {
        for (int i = 1; i <= 2; i++) {
            HttpResponse<String> failing = client.get("/api/flaky/429?key=a&failures=2");
            assertThat(failing.statusCode()).as("attempt %d", i).isEqualTo(429);
            assertThat(failing.headers().firstValue("Retry-After")).hasValue("0");
        }
        HttpResponse<String> ok = client.get("/api/flaky/429?key=a&failures=2");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(UpstreamClient.json(ok).path("attempts").asInt()).isEqualTo(3);
        assertThat(client.get("/api/flaky/429?key=a&failures=2").statusCode()).as("stays recovered").isEqualTo(200);
    }

    @Test
    void retryAfterValueIsConfigurableAndKeysAreIndependent() throws Exception {
        HttpResponse<String> first = client.get("/api/flaky/429?key=b&retryAfter=7");
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(client.get("/api/flaky/429?key=c").statusCode()).as("a fresh key starts over").isEqualTo(429);
        assertThat(client.get("/api/flaky/429?key=b").statusCode()).isEqualTo(200);
    }

    @Test
    void flaky503FailsNTimesThenSucceeds() throws Exception {
        HttpResponse<String> failing = client.get("/api/flaky/503?key=a&failures=1");
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(failing.headers().firstValue("Retry-After")).hasValue("0");
        assertThat(failing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> ok = client.get("/api/flaky/503?key=a&failures=1");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(UpstreamClient.json(ok).path("attempts").asInt()).isEqualTo(2);
        assertThat(client.get("/api/flaky/429?key=a&failures=1").statusCode()).as("429 and 503 count separately").isEqualTo(429);
    }

    @Test
    void zeroFailuresSucceedsAtOnce() throws Exception {
        HttpResponse<String> ok = client.get("/api/flaky/503?key=z&failures=0");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(UpstreamClient.json(ok).path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void always503NeverRecovers() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/api/always/503").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void resetRestartsTheCounters() throws Exception {
        assertThat(client.get("/api/flaky/429?key=r").statusCode()).isEqualTo(429);
        assertThat(client.send(client.request("/_admin/reset").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(204);
        assertThat(client.get("/api/flaky/429?key=r").statusCode()).isEqualTo(429);
    }
}
