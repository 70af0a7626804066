package org.opencli.core.discovery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 with an ephemeral port. Routes map a path to a canned
 * {@link Reply}; every request is recorded (method, path, headers) for assertions.
 */
public final class TestHttpServer implements AutoCloseable {
    /** status, headers, body; {@code etag} enables If-None-Match → 304. */
    public record Reply(int status, Map<String, String> headers, String body, String etag) {
        public static Reply ok(String body) {
            return new Reply(200, Map.of(), body, null);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", null);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, etag);
        }

        public Reply withEtag(String e) {
            return new Reply(status, headers, body, e);
        }
    }

    public record Seen(String method, String path, Map<String, List<String>> headers) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            }
            return null;
        }
    }

    private final HttpServer server;
    private final Map<String, Reply> routes = new ConcurrentHashMap<>();
    private final Map<String, Reply> headRoutes = new ConcurrentHashMap<>();
    public final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.concurrent.CountDownLatch> gates = new ConcurrentHashMap<>();

    public TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public TestHttpServer route(String path, Reply reply) {
        routes.put(path, reply);
        return this;
    }

    /** A distinct answer for HEAD (default: the GET route's status and headers, no body). */
    public TestHttpServer head(String path, Reply reply) {
        headRoutes.put(path, reply);
        return this;
    }

    /** Holds every answer for {@code path} until the returned gate is opened (30 s at most). */
    public java.util.concurrent.CountDownLatch hold(String path) {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        gates.put(path, gate);
        return gate;
    }

    public long count(String method, String path) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        seen.add(new Seen(ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders())));
        java.util.concurrent.CountDownLatch gate = gates.get(path);
        if (gate != null) {
            try {
                gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        Reply r = head && headRoutes.containsKey(path) ? headRoutes.get(path) : routes.get(path);
        if (r == null) r = Reply.status(404);
        r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        int status = r.status();
        if (r.etag() != null) {
            ex.getResponseHeaders().add("ETag", r.etag());
            if (r.etag().equals(ex.getRequestHeaders().getFirst("If-None-Match"))) status = 304;
        }
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        if (head || status == 304 || body.length == 0) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
