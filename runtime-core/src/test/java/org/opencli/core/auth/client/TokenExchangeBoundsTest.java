package org.opencli.core.auth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A token endpoint the exchange cannot trust: its answer's size and the whole exchange's time are bounded. */
class TokenExchangeBoundsTest {
    private HttpServer idp;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        idp.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        // answers at once, then sends one byte of its body and holds the rest back
        idp.createContext("/trickle", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write('{');
                out.flush();
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException | java.io.IOException e) {
                // the client gave up: what this test wants
            }
        });
        idp.createContext("/huge", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[8192];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int i = 0; i < 64; i++) out.write(chunk); // 512 KiB
            } catch (java.io.IOException e) {
                // the client stopped reading
            }
        });
        idp.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        idp.stop(0);
    }

    private TokenExchange.Request request(String path) {
        return new TokenExchange.Request("http://127.0.0.1:" + idp.getAddress().getPort() + path, "agent", "agent-secret",
                "user-token-bytes", null, null, List.of());
    }

    @Test
    void aTricklingAnswerEndsWithinTheExchangesTime() {
        long started = System.nanoTime();
        OAuthClientException e = catchThrowableOfType(
                () -> new TokenExchange(Clock.systemUTC(), Duration.ofSeconds(2)).exchange(request("/trickle")),
                OAuthClientException.class);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("idp_unreachable");
        assertThat(e.getMessage()).contains("/trickle", "within 2 s").doesNotContain("user-token-bytes", "agent-secret");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void anAnswerOverTheLimitIsRefusedByItsSize() {
        OAuthClientException e = catchThrowableOfType(
                () -> new TokenExchange(Clock.systemUTC(), Duration.ofSeconds(10)).exchange(request("/huge")),
                OAuthClientException.class);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("bad_idp_response");
        assertThat(e.getMessage()).contains("more than 64 KiB");
    }
}
