package org.opencli.core.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencli.core.json.Json;

/** A loopback ticket store recording every request as "METHOD path?query body". */
final class TicketStore implements AutoCloseable {
    final List<String> seen = new CopyOnWriteArrayList<>();
    final Map<String, ObjectNode> tickets = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(41);
    private final HttpServer server;

    TicketStore() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tickets", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = ex.getRequestURI().getRawQuery();
        String path = ex.getRequestURI().getPath();
        seen.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query) + (body.isEmpty() ? "" : " " + body));
        String id = path.length() > "/tickets/".length() ? path.substring("/tickets/".length()) : null;
        switch (ex.getRequestMethod()) {
            case "POST" -> {
                ObjectNode t = (ObjectNode) Json.MAPPER.readTree(body);
                String newId = String.valueOf(ids.incrementAndGet());
                t.put("id", newId).put("status", "open");
                tickets.put(newId, t);
                send(ex, 201, t.toString());
            }
            case "GET" -> send(ex, tickets.containsKey(id) ? 200 : 404, tickets.containsKey(id) ? tickets.get(id).toString() : "{}");
            case "PATCH" -> {
                ObjectNode t = tickets.get(id);
                if (t == null) {
                    send(ex, 404, "{}");
                    return;
                }
                t.setAll((ObjectNode) Json.MAPPER.readTree(body));
                send(ex, 200, t.toString());
            }
            default -> send(ex, 405, "{}");
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
