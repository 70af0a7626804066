package org.opencli.core.auth.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The redirect target of an authorization-code login: an HTTP server on 127.0.0.1 (never a
 * wildcard address) answering {@code /callback} once with a small "you can close this tab" page.
 * Port 0 picks an ephemeral port. Close it when done.
 */
public final class LoopbackReceiver implements AutoCloseable {
    static final String PATH = "/callback";
    private static final String DONE_PAGE = "<!doctype html><html><head><meta charset=\"utf-8\"><title>ocli</title></head>"
            + "<body><h1>Signed in</h1><p>You are signed in to ocli; you can close this tab.</p></body></html>";
    private static final String FAILED_PAGE = "<!doctype html><html><head><meta charset=\"utf-8\"><title>ocli</title></head>"
            + "<body><h1>Sign-in failed</h1><p>Return to the terminal for details.</p></body></html>";

    private final HttpServer server;
    private final String host;
    private final String path;
    private final CompletableFuture<URI> callback = new CompletableFuture<>();

    private LoopbackReceiver(HttpServer server, String host, String path) {
        this.server = server;
        this.host = host;
        this.path = path;
    }

    public static LoopbackReceiver start(int port) {
        return start(URI.create("http://127.0.0.1:" + port + PATH));
    }

    /**
     * Listens on 127.0.0.1 at the port and path of {@code redirect} (a loopback http URL; port 0 or
     * none = ephemeral). The redirect URI sent to the IdP keeps the configured host name.
     */
    public static LoopbackReceiver start(URI redirect) {
        int port = Math.max(redirect.getPort(), 0);
        String path = redirect.getPath() == null || redirect.getPath().isEmpty() ? PATH : redirect.getPath();
        String host = "localhost".equals(redirect.getHost()) ? "localhost" : "127.0.0.1";
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            LoopbackReceiver receiver = new LoopbackReceiver(server, host, path);
            server.createContext(path, receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new OAuthClientException("callback_unavailable", "cannot listen for the login callback on 127.0.0.1:"
                    + port + " (" + e.getMessage() + "); choose another callbackPort (or 0 for any free port)");
        }
    }

    /** {@code http://127.0.0.1:<port>/callback} (or the configured host/path): what to register as the client's redirect URI. */
    public URI redirectUri() {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
    }

    /** The full callback URI (with its query) once the browser arrives; a clear error after {@code timeout}. */
    public URI await(Duration timeout) {
        try {
            return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OAuthClientException("login_timeout", "no sign-in arrived at " + redirectUri() + " within "
                    + timeout.toSeconds() + " s; run 'ocli auth login' again (or 'ocli auth login --device' without a browser)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthClientException("login_interrupted", "sign-in was interrupted");
        } catch (ExecutionException e) {
            throw new OAuthClientException("login_failed", String.valueOf(e.getCause().getMessage()));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI requested = exchange.getRequestURI();
            boolean isCallback = "GET".equals(exchange.getRequestMethod()) && path.equals(requested.getPath());
            String query = requested.getRawQuery();
            boolean ok = isCallback && query != null && query.contains("code=") && !query.contains("error=");
            byte[] page = (ok ? DONE_PAGE : FAILED_PAGE).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(isCallback ? 200 : 404, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
            if (isCallback) callback.complete(URI.create(redirectUri() + (query == null ? "" : "?" + query)));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
