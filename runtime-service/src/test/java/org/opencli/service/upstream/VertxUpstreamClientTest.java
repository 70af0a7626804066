package org.opencli.service.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.core.execution.ResponseTooLargeException;
import org.opencli.core.execution.UpstreamConnectException;
import org.opencli.core.execution.UpstreamRequest;
import org.opencli.core.execution.UpstreamResponse;
import org.opencli.core.execution.UpstreamTimeoutException;

/** The daemon's upstream client against a real local HTTP server. */
class VertxUpstreamClientTest {
    Vertx vertx;
    VertxUpstreamClient client;
    HttpServer server;
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        client = new VertxUpstreamClient(vertx, Duration.ofSeconds(2), 8, 2, 1024 * 1024);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/echo", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            String answer = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " key="
                    + exchange.getRequestHeaders().getFirst("X-Key") + " body=" + new String(in, StandardCharsets.UTF_8);
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.getResponseHeaders().add("X-Multi", "a");
            exchange.getResponseHeaders().add("X-Multi", "b");
            exchange.sendResponseHeaders(201, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.createContext("/gzip", exchange -> {
            byte[] zipped = gzip(new byte[Integer.parseInt(exchange.getRequestURI().getQuery())]);
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, zipped.length);
            exchange.getResponseBody().write(zipped);
            exchange.close();
        });
        server.createContext("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 100_000);
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 200 && !release.await(50, TimeUnit.MILLISECONDS); i++) {
                    out.write("     ".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException | InterruptedException clientGone) {
                // the client hung up: what a deadline does
            }
            exchange.close();
        });
        server.createContext("/stall", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        server.stop(0);
        vertx.closeAndAwait();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void sendsMethodHeadersAndBodyAndReturnsStatusHeadersAndBytes() {
        UpstreamResponse response = client.send(new UpstreamRequest("POST", URI.create(base() + "/echo/x?q=a%2Fb"),
                Map.of("X-Key", List.of("k1")), "hello".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)))
                .toCompletableFuture().join();
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("POST /echo/x?q=a%2Fb key=k1 body=hello");
        assertThat(response.header("content-type")).contains("text/plain");
        assertThat(response.headers().entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).isEqualToIgnoringCase("X-Multi");
            assertThat(e.getValue()).containsExactly("a", "b");
        });
    }

    @Test
    void refusedConnectionIsAConnectFailure() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var stage = client.send(new UpstreamRequest("GET", URI.create("http://127.0.0.1:" + closed + "/x"), Map.of(), null,
                Duration.ofSeconds(5))).toCompletableFuture();
        assertThatThrownBy(stage::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(UpstreamConnectException.class, e -> assertThat(e.isTimeout()).isFalse());
    }

    @Test
    void slowUpstreamTimesOut() {
        var stage = client.send(new UpstreamRequest("GET", URI.create(base() + "/stall"), Map.of(), null,
                Duration.ofMillis(200))).toCompletableFuture();
        assertThatThrownBy(stage::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(UpstreamConnectException.class, e -> assertThat(e.isTimeout()).isTrue());
    }

    @Test
    void aGzipBodyIsDecodedWithoutItsEncodingHeaders() {
        UpstreamResponse response = client.send(new UpstreamRequest("GET", URI.create(base() + "/gzip?1000"), Map.of(), null,
                Duration.ofSeconds(5))).toCompletableFuture().join();
        assertThat(response.body()).hasSize(1000).containsOnly(0);
        assertThat(response.header("Content-Encoding")).isEmpty();
        assertThat(response.header("Content-Length")).isEmpty();
    }

    @Test
    void aGzipBombStopsAtTheLimit() {
        var stage = client.send(new UpstreamRequest("GET", URI.create(base() + "/gzip?" + 64 * 1024 * 1024), Map.of(), null,
                Duration.ofSeconds(10))).toCompletableFuture();
        assertThatThrownBy(stage::join).isInstanceOf(CompletionException.class).cause().isInstanceOf(ResponseTooLargeException.class);
    }

    @Test
    void aTricklingBodyTimesOutAtTheRequestTimeoutNotAtAnIdleOne() {
        long start = System.nanoTime();
        var stage = client.send(new UpstreamRequest("GET", URI.create(base() + "/trickle"), Map.of(), null,
                Duration.ofMillis(600))).toCompletableFuture();
        assertThatThrownBy(stage::join).isInstanceOf(CompletionException.class).cause().isInstanceOf(UpstreamTimeoutException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).as("before the trickle ends (10 s)").isLessThan(8000);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void aRequestSentFromAnEventLoopIsAnsweredOnThatLoop() throws Exception {
        for (int i = 0; i < 4; i++) { // several contexts: each must get its answer on its own loop
            io.vertx.core.Context context = vertx.getDelegate().getOrCreateContext();
            java.util.concurrent.CompletableFuture<String[]> one = new java.util.concurrent.CompletableFuture<>();
            context.runOnContext(ignored -> {
                String sender = Thread.currentThread().getName();
                client.send(new UpstreamRequest("GET", URI.create(base() + "/echo/loop"), Map.of(), null, Duration.ofSeconds(5)))
                        .whenComplete((response, error) -> {
                            if (error != null) one.completeExceptionally(error);
                            else
                                one.complete(new String[] {sender, Thread.currentThread().getName(),
                                        new String(response.body(), StandardCharsets.UTF_8)});
                        });
            });
            String[] got = one.get(10, TimeUnit.SECONDS);
            assertThat(got[1]).isEqualTo(got[0]).startsWith("vert.x-eventloop-thread");
            assertThat(got[2]).isEqualTo("GET /echo/loop key=null body=");
        }
    }
}
