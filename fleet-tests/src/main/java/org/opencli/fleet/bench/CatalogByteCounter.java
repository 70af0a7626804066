package org.opencli.fleet.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP proxy in front of a daemon that counts the body bytes of its catalog answers
 * ({@code /v1/catalog...}), so the bench can say how much catalog one ocli call transfers. It adds
 * the daemon's owner key, which ocli only sends to the URL in the daemon's registry entry.
 */
final class CatalogByteCounter implements AutoCloseable {
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String daemon;
    private final String clientKey;
    private final AtomicLong catalogBytes = new AtomicLong();

    CatalogByteCounter(String daemonUrl, String clientKey) throws IOException {
        this.daemon = daemonUrl;
        this.clientKey = clientKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Catalog body bytes since the last call. */
    long takeCatalogBytes() {
        return catalogBytes.getAndSet(0);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(daemon + exchange.getRequestURI()))
                    .timeout(Duration.ofMinutes(2))
                    .method(exchange.getRequestMethod(), requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase())) values.forEach(v -> request.header(name, v));
            });
            if (!exchange.getRequestHeaders().containsKey("Authorization") && clientKey != null) {
                request.header("Authorization", "Bearer " + clientKey);
            }
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            if (exchange.getRequestURI().getPath().startsWith("/v1/catalog")) catalogBytes.addAndGet(body.length);
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                String name = header.getKey();
                if (name.startsWith(":") || RESTRICTED.contains(name.toLowerCase()) || name.equalsIgnoreCase("transfer-encoding")) continue;
                exchange.getResponseHeaders().put(name, header.getValue());
            }
            boolean empty = body.length == 0 || response.statusCode() == 304 || response.statusCode() == 204;
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : body.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
