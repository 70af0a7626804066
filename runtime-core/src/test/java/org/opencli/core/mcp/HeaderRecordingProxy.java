package org.opencli.core.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of a real MCP server that records one request header's values, so
 * a test can see what the engine sent (the server itself does not show headers). Bodies, SSE streams
 * included, are passed through as they arrive.
 */
final class HeaderRecordingProxy implements AutoCloseable {
    private static final Set<String> HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade");
    final List<String> seen = new CopyOnWriteArrayList<>();
    /** Every request body passed on, as text (JSON-RPC messages over streamable HTTP). */
    final List<String> bodies = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String target;
    private final String header;

    HeaderRecordingProxy(String target, String header) throws IOException {
        this.target = target;
        this.header = header;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) seen.add(value);
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (body.length > 0) bodies.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase())) values.forEach(v -> request.header(name, v));
            });
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.headers().map().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase()) && !name.startsWith(":")) exchange.getResponseHeaders().put(name, values);
            });
            exchange.sendResponseHeaders(response.statusCode(), response.statusCode() == 202 || response.statusCode() == 204 ? -1 : 0);
            try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
