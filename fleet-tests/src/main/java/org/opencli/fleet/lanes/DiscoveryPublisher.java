package org.opencli.fleet.lanes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A publisher of API descriptions for the discovery lanes: a JDK HTTP server on an ephemeral
 * loopback port answering GET and HEAD for the documents put in it, each with its own headers and an
 * ETag derived from its body and Link header, and 304 for a matching {@code If-None-Match}.
 */
final class DiscoveryPublisher implements AutoCloseable {
    private record Document(byte[] body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Map<String, Document> documents = new ConcurrentHashMap<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    /**
     * Requests for one path wait (at most {@link #HOLD_BOUND_SECONDS}) until {@link #release}: a slow
     * source, for as long as a lane needs to look at what happened before it answered.
     */
    static final class Hold {
        private final java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean answered;

        /** Whether a held request has been let through. */
        boolean answered() {
            return answered;
        }

        boolean awaitArrival(long seconds) throws InterruptedException {
            return arrived.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
        }

        void release() {
            released.countDown();
        }
    }

    /** Bounds a hold a lane forgot to release, well under the runtime's 30 s document read timeout. */
    static final long HOLD_BOUND_SECONDS = 20;

    DiscoveryPublisher() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "discovery-publisher");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code body} at {@code path} with {@code headers} (name, value pairs), replacing what was there. */
    DiscoveryPublisher put(String path, String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) h.put(headers[i], headers[i + 1]);
        documents.put(path, new Document(body.getBytes(StandardCharsets.UTF_8), h));
        return this;
    }

    /** Holds every request for {@code path} from now until the returned hold is released. */
    Hold hold(String path) {
        Hold hold = new Hold();
        holds.put(path, hold);
        return hold;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Hold hold = holds.get(ex.getRequestURI().getPath());
            if (hold != null) {
                hold.arrived.countDown();
                try {
                    hold.released.await(HOLD_BOUND_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                hold.answered = true;
            }
            Document doc = documents.get(ex.getRequestURI().getPath());
            if (doc == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String etag = etag(doc);
            doc.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.getResponseHeaders().set("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
            } else if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
            } else {
                ex.sendResponseHeaders(200, doc.body().length == 0 ? -1 : doc.body().length);
                if (doc.body().length > 0) ex.getResponseBody().write(doc.body());
            }
        }
    }

    private static String etag(Document doc) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(doc.body());
            sha.update(String.valueOf(doc.headers().get("Link")).getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(sha.digest()).substring(0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
