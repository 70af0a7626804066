package org.opencli.service.observe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback upstream behind one tool, {@code items:listItems}, that records the {@code traceparent}
 * of every request it gets; {@code busyFirst} makes each execution's first attempt a 503 with
 * {@code Retry-After: 0} (so the engine retries on its own thread), the second a 200.
 */
final class ItemsUpstream implements AutoCloseable {
    final List<String> traceparents = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final Path config;

    ItemsUpstream(boolean busyFirst) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            boolean busy = busyFirst && calls.getAndIncrement() % 2 == 0;
            byte[] body = (busy ? "{\"busy\":true}" : "{\"ok\":true}").getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (busy) exchange.getResponseHeaders().add("Retry-After", "0");
            exchange.sendResponseHeaders(busy ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Path dir = Files.createTempDirectory("oclird-items");
        Files.writeString(dir.resolve("items.openapi.yaml"), """
                openapi: 3.0.3
                info: { title: Items, version: "1" }
                servers: [ { url: "http://127.0.0.1:%d" } ]
                paths:
                  /items:
                    get:
                      operationId: listItems
                      responses: { "200": { description: OK } }
                """.formatted(server.getAddress().getPort()));
        config = dir.resolve(".cli.json");
        Files.writeString(config, """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "sources": {"itemsApi": {"type": "openapi", "uri": "./items.openapi.yaml"}},
                 "services": {"items": {"source": "itemsApi"}}}
                """);
    }

    /** The {@code POST /v1/tools/execute} body that calls {@code items:listItems}. */
    String executeBody() {
        return "{\"configPath\": \"" + config.toString().replace("\\", "\\\\") + "\", \"toolId\": \"items:listItems\"}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
