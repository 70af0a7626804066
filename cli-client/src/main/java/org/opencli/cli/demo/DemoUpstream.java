package org.opencli.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's upstream API: canned JSON for the shop operations on a loopback port, alive for one
 * ocli invocation. Real HTTP, so the demo exercises the same path as any other API.
 */
public final class DemoUpstream implements AutoCloseable {
    private static final Map<String, String> ITEMS = Map.of(
            "7", "{\"id\":\"7\",\"name\":\"Teapot\",\"price\":24.5,\"stock\":12}",
            "8", "{\"id\":\"8\",\"name\":\"Mug\",\"price\":6.0,\"stock\":140}");

    private final HttpServer server;
    private final ExecutorService executor;

    private DemoUpstream(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static DemoUpstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "ocli-demo-upstream");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/", DemoUpstream::handle);
            server.start();
            return new DemoUpstream(server, executor);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the demo upstream on a loopback port", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The demo's API key: the demo config reads it from a file, as a real project would read a secret. */
    static final String API_KEY = "demo-key-0451";

    private static void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String[] parts = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
        try (exchange) {
            boolean writes = !method.equals("GET") && parts.length >= 1 && parts[0].equals("orders");
            if (writes && !API_KEY.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
                send(exchange, 401, "{\"error\":\"X-Api-Key missing or wrong\"}");
            } else if (method.equals("GET") && parts.length == 1 && parts[0].equals("items")) {
                send(exchange, 200, "[" + ITEMS.get("7") + "," + ITEMS.get("8") + "]");
            } else if (method.equals("GET") && parts.length == 2 && parts[0].equals("items")) {
                String item = ITEMS.get(parts[1]);
                if (item == null) send(exchange, 404, "{\"error\":\"no such item\"}");
                else send(exchange, 200, item);
            } else if (method.equals("POST") && parts.length == 1 && parts[0].equals("orders")) {
                exchange.getRequestBody().readAllBytes();
                send(exchange, 201, "{\"id\":\"o-1001\",\"itemId\":\"7\",\"quantity\":1,\"status\":\"placed\"}");
            } else if (method.equals("GET") && parts.length == 2 && parts[0].equals("orders")) {
                send(exchange, 200, "{\"id\":\"" + parts[1] + "\",\"itemId\":\"7\",\"quantity\":1,\"status\":\"shipped\"}");
            } else if (method.equals("DELETE") && parts.length == 2 && parts[0].equals("orders")) {
                exchange.sendResponseHeaders(204, -1);
            } else if (method.equals("POST") && parts.length == 2 && parts[0].equals("admin")) {
                send(exchange, 202, "{\"started\":true}");
            } else {
                send(exchange, 404, "{\"error\":\"not found\"}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
