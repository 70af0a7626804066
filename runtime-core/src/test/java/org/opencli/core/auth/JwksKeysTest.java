package org.opencli.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencli.core.discovery.MutableClock;
import org.opencli.core.discovery.TestHttpServer;
import org.opencli.core.error.OcliException;

/** The JWKS fetch is bounded in bytes and in time, body included: an IdP cannot hold or flood the runtime. */
class JwksKeysTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final CountDownLatch release = new CountDownLatch(1);
    HttpServer dripping;

    @AfterEach
    void stop() {
        release.countDown();
        if (dripping != null) dripping.stop(0);
    }

    JwksKeys keys(String url, Duration timeout, long maxBytes) {
        return new JwksKeys(URI.create(url), new AuthHttp(timeout, maxBytes), clock, Duration.ofSeconds(10),
                Duration.ofMinutes(10));
    }

    static void unavailable(JwksKeys keys, String why) {
        assertThatThrownBy(() -> keys.candidates("rsa-1")).isInstanceOfSatisfying(OcliException.class, e -> {
            assertThat(e.code()).isEqualTo("auth_unavailable");
            assertThat(e.kind().httpStatus()).isEqualTo(502);
            assertThat(e.detail()).contains("JWKS at ").contains(why).endsWith("; the request was refused");
        });
    }

    @Test
    void aJwksLargerThanTheLimitIsRefused() throws Exception {
        TestKeys keys = new TestKeys("rsa-1", "ec-1");
        String jwks = TestKeys.jwks(keys.rsa, keys.ec);
        try (TestHttpServer idp = new TestHttpServer()) {
            idp.route("/jwks", TestHttpServer.Reply.ok(jwks));
            unavailable(keys(idp.url("/jwks"), Duration.ofSeconds(5), jwks.length() - 1), "answered more than");
            assertThat(keys(idp.url("/jwks"), Duration.ofSeconds(5), jwks.length()).candidates("rsa-1")).hasSize(1);
        }
    }

    @Test
    void aBodyThatDripsPastTheDeadlineIsRefusedAtTheDeadline() throws Exception {
        dripping = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dripping.createContext("/jwks", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: the headers arrive at once, the body never ends
            OutputStream body = exchange.getResponseBody();
            body.write("{\"keys\":[".getBytes(StandardCharsets.UTF_8));
            body.flush();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        dripping.start();
        String url = "http://127.0.0.1:" + dripping.getAddress().getPort() + "/jwks";
        long started = System.nanoTime();
        unavailable(keys(url, Duration.ofMillis(700), AuthHttp.MAX_BODY_BYTES), "did not answer within");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
