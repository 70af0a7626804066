package org.opencli.fleet.hostile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * An upstream that attacks its client (fleet-tests/fixtures/hostile/hostile.openapi.yaml), bounded
 * in what it costs this JVM: {@code /api/bomb} a 200 MiB gzip bomb (about 200 KiB on the wire,
 * compressed once), {@code /api/huge} 100 MiB streamed from one 64 KiB buffer, {@code /api/trickle}
 * 5 bytes a second for at most a minute, {@code /api/slow} no answer for at most a minute; any other
 * path answers {@code {}} after recording the request line and headers. Closing it ends every
 * pending delay at once. Binds 127.0.0.1 only.
 */
public final class HostileUpstream implements AutoCloseable {
    public static final long BOMB_INFLATED = 200L * 1024 * 1024;
    public static final long HUGE_BYTES = 100L * 1024 * 1024;
    private static final long MAX_DELAY_MS = 60_000;

    /** What a request looked like on arrival: request line (raw path and query) and headers. */
    public record Seen(String method, String rawPath, String rawQuery, String headers) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "hostile-upstream");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    private final byte[] bomb = bomb();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private HostileUpstream(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        route("/api/bomb", this::bomb);
        route("/api/huge", this::huge);
        route("/api/trickle", this::trickle);
        route("/api/slow", this::slow);
        route("/", exchange -> send(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8)));
        server.start();
    }

    public static HostileUpstream start() throws IOException {
        return new HostileUpstream(0);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    /** Every request received, in order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public long requestsTo(String rawPath) {
        return seen.stream().filter(s -> s.rawPath().equals(rawPath)).count();
    }

    private void route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().toString()));
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                handler.handle(exchange);
            } catch (IOException clientHungUp) {
                // what a client that enforces its limits does: nothing to answer any more
            }
        });
    }

    private void bomb(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        send(exchange, 200, bomb);
    }

    private void huge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, HUGE_BYTES);
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < HUGE_BYTES && closed.getCount() > 0; sent += block.length) out.write(block);
        }
    }

    private void trickle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 1000);
        try (OutputStream out = exchange.getResponseBody()) {
            for (long waited = 0; waited < MAX_DELAY_MS && !pause(1000); waited += 1000) {
                out.write("     ".getBytes(StandardCharsets.US_ASCII)); // 5 bytes a second
                out.flush();
            }
        }
    }

    private void slow(HttpExchange exchange) throws IOException {
        if (pause(MAX_DELAY_MS)) return;
        send(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8));
    }

    /** Waits {@code ms} (the endpoint's purpose) on the close signal; true when the server is closing. */
    private boolean pause(long ms) {
        try {
            return closed.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] bomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            byte[] zeros = new byte[1024 * 1024];
            for (long n = 0; n < BOMB_INFLATED; n += zeros.length) gz.write(zeros);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
