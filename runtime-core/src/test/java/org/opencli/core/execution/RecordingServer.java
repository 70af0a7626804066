package org.opencli.core.execution;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1:0 that records every request (raw path and query, headers,
 * body) and answers from a per-path script; the last scripted answer repeats. Unscripted: 200 {}.
 */
final class RecordingServer implements AutoCloseable {
    record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }

        static Reply of(int status, String contentType, byte[] body) {
            return new Reply(status, Map.of("Content-Type", contentType), body);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body);
        }
    }

    record Seen(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            return null;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> script = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    RecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    RecordingServer reply(String path, Reply... replies) {
        script.put(path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    List<Seen> at(String rawPath) {
        return seen.stream().filter(s -> s.rawPath().equals(rawPath)).toList();
    }

    Seen last() {
        return seen.get(seen.size() - 1);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String rawPath = ex.getRequestURI().getRawPath();
        seen.add(new Seen(ex.getRequestMethod(), rawPath, ex.getRequestURI().getRawQuery(),
                Map.copyOf(ex.getRequestHeaders()), body));
        Deque<Reply> replies = script.get(rawPath);
        Reply r;
        if (replies == null || replies.isEmpty()) {
            r = Reply.json(200, "{}");
        } else {
            r = replies.size() > 1 ? replies.poll() : replies.peek();
        }
        r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (r.body().length == 0) {
            ex.sendResponseHeaders(r.status(), -1);
        } else {
            ex.sendResponseHeaders(r.status(), r.body().length);
            ex.getResponseBody().write(r.body());
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
