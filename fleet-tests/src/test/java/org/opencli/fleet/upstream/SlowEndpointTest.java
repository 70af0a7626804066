package org.opencli.fleet.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlowEndpointTest extends RunningUpstream {
    @Test
    void answersNoEarlierThanAsked() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = client.get("/api/slow?ms=300");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
        assertThat(UpstreamClient.json(response).path("sleptMs").asLong()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aClientTimeoutShorterThanTheDelayFires() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.send(client.request("/api/slow?ms=5000").timeout(Duration.ofMillis(200)).GET().build()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).as("gave up long before the answer").isLessThan(4000);
    }

    @Test
    void aSlowRequestDoesNotBlockOthers() throws Exception {
        var slow = client.http.sendAsync(client.request("/api/slow?ms=3000").GET().build(), HttpResponse.BodyHandlers.ofString());
        long start = System.nanoTime();
        assertThat(client.get("/api/report.txt").statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2500);
        assertThat(slow).isNotDone();
        slow.cancel(true);
    }

    @Test
    void badDelaysAreRefused() throws Exception {
        assertThat(client.get("/api/slow?ms=-5").statusCode()).isEqualTo(400);
        assertThat(client.get("/api/slow?ms=soon").statusCode()).isEqualTo(400);
    }
}
