package org.opencli.core.discovery;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opencli.core.io.CappedBody;

/**
 * A thin wrapper over java.net.http so the fetcher's cache logic stays readable. Bodies are capped
 * while they stream in ({@link CappedBody}) and the whole exchange, body included, must finish
 * within the read timeout — a server trickling bytes cannot hold a worker longer.
 */
final class HttpTransport {
    record Response(int status, String finalUrl, Map<String, List<String>> headers, byte[] body) {
        String first(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** The whole exchange did not finish in time. */
    static final class Timeout extends IOException {
        Timeout() {
            super("timed out");
        }
    }

    /**
     * The publisher answered, but not in HTTP (a malformed status line or header): a bad answer, not
     * an unreachable publisher. Carries no cause: the client's message quotes the publisher's bytes.
     */
    static final class InvalidAnswer extends IOException {
        InvalidAnswer() {
            super("not a valid HTTP answer");
        }
    }

    private final HttpClient client;
    private final DocumentLimits limits;

    private HttpTransport(HttpClient client, DocumentLimits limits) {
        this.client = client;
        this.limits = limits;
    }

    static HttpTransport create(DocumentLimits limits) {
        return new HttpTransport(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build(), limits);
    }

    /**
     * @throws CappedBody.TooLarge when the body exceeds the size limit (nothing of it is kept)
     * @throws Timeout             when the exchange outlasts the read timeout
     * @throws InvalidAnswer       when the answer is not HTTP the client can parse
     */
    Response send(String method, String url, Map<String, String> requestHeaders) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(limits.readTimeout())
                .method(method, HttpRequest.BodyPublishers.noBody());
        requestHeaders.forEach(b::header);
        CappedBody.Handler handler = new CappedBody.Handler(limits.maxBytes());
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(b.build(), handler);
        try {
            HttpResponse<byte[]> r = exchange.get(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Map<String, List<String>> headers = new TreeMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            return new Response(r.statusCode(), r.uri().toString(), headers, r.body() == null ? new byte[0] : r.body());
        } catch (TimeoutException e) {
            handler.cancel();
            exchange.cancel(true);
            throw new Timeout();
        } catch (ExecutionException e) {
            handler.cancel();
            Throwable cause = e.getCause();
            if (malformed(cause)) throw new InvalidAnswer();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof IllegalArgumentException bad) throw bad;
            throw new IOException(cause == null ? "failed" : cause.getClass().getSimpleName(), cause);
        } catch (InterruptedException e) {
            handler.cancel();
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** java.net.http reports an answer it cannot parse as a {@link ProtocolException}, at times wrapped. */
    private static boolean malformed(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause(), depth++) {
            if (t instanceof ProtocolException) return true;
        }
        return false;
    }
}
