package org.opencli.fleet.lanes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of a real MCP server that records the values of one request
 * header, to prove what the runtime sent (the server itself does not show its request headers).
 * Streams answers as they come, so server-sent events pass through.
 */
final class HeaderRecordingProxy implements AutoCloseable {
    private static final Set<String> HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final String target;
    private final String header;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private HeaderRecordingProxy(String target, String header) throws IOException {
        this.target = target;
        this.header = header;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(threads);
        server.start();
    }

    /** A proxy to {@code target} (scheme, host and port) recording header {@code header}. */
    static HeaderRecordingProxy start(String target, String header) throws IOException {
        return new HeaderRecordingProxy(target, header);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The recorded header's value on each request that reached the proxy (null where it was missing). */
    List<String> values() {
        return List.copyOf(seen);
    }

    private void forward(HttpExchange ex) throws IOException {
        try (ex) {
            seen.add(ex.getRequestHeaders().getFirst(header));
            HttpURLConnection up = (HttpURLConnection) URI.create(target + ex.getRequestURI()).toURL().openConnection();
            up.setRequestMethod(ex.getRequestMethod());
            up.setReadTimeout(0);
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!HOP.contains(h.getKey().toLowerCase())) h.getValue().forEach(v -> up.addRequestProperty(h.getKey(), v));
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            if (body.length > 0) {
                up.setDoOutput(true);
                try (OutputStream out = up.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = up.getResponseCode();
            for (Map.Entry<String, List<String>> h : up.getHeaderFields().entrySet()) {
                if (h.getKey() != null && !HOP.contains(h.getKey().toLowerCase())) ex.getResponseHeaders().put(h.getKey(), h.getValue());
            }
            InputStream in = status >= 400 ? up.getErrorStream() : up.getInputStream();
            if (in == null) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, 0);
            try (in; OutputStream out = ex.getResponseBody()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException clientOrServerWentAway) {
            // the client closed its stream (an SSE GET at the end) or the server ended: nothing to forward
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
