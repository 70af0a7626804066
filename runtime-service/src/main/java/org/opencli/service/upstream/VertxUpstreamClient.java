package org.opencli.service.upstream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.core.execution.UpstreamConnectException;
import org.opencli.core.execution.UpstreamRequest;
import org.opencli.core.execution.UpstreamResponse;

/**
 * The daemon's upstream client: Vert.x core HTTP client on the event loop, pooled keep-alive
 * connections, never a blocked thread while an upstream thinks. Each event loop has a client (and
 * pool) of its own, so a request sent from an event loop goes out and comes back on that same loop:
 * no hand-off between loops per execution. Calls from other threads share one more client.
 */
public final class VertxUpstreamClient implements UpstreamClient {
    private static final String USER_AGENT = "oclird";

    private final io.vertx.core.Vertx vertx;
    private final HttpClientOptions perLoopOptions;
    private final HttpClient shared;
    private final Map<Thread, HttpClient> perLoop = new ConcurrentHashMap<>();

    /** {@code maxPoolSize} connections per upstream host in all, spread over {@code eventLoops} loops. */
    public VertxUpstreamClient(Vertx vertx, Duration connectTimeout, int maxPoolSize, int eventLoops) {
        this.vertx = vertx.getDelegate();
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(maxPoolSize)
                .setTryUseCompression(true);
        this.shared = this.vertx.createHttpClient(options);
        this.perLoopOptions = new HttpClientOptions(options).setMaxPoolSize(Math.max(4, maxPoolSize / Math.max(1, eventLoops)));
    }

    private HttpClient client() {
        if (!Context.isOnEventLoopThread()) return shared;
        return perLoop.computeIfAbsent(Thread.currentThread(), t -> vertx.createHttpClient(perLoopOptions));
    }

    @Override
    public CompletionStage<UpstreamResponse> send(UpstreamRequest request) {
        URI uri = request.uri();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setAbsoluteURI(uri.toString())
                .setFollowRedirects(false);
        if (request.timeout() != null) options.setIdleTimeout(request.timeout().toMillis());
        if (request.connectTimeout() != null) options.setConnectTimeout(request.connectTimeout().toMillis());
        byte[] body = request.body();
        Future<UpstreamResponse> response = client().request(options).compose(http -> {
            request.headers().forEach(http::putHeader);
            if (!http.headers().contains(HttpHeaders.USER_AGENT)) http.putHeader(HttpHeaders.USER_AGENT, USER_AGENT);
            Future<HttpClientResponse> sent = body == null || body.length == 0 ? http.send() : http.send(Buffer.buffer(body));
            return sent.compose(r -> r.body().map(bytes -> toResponse(r, bytes)));
        });
        return response.recover(failure -> Future.failedFuture(mapFailure(uri, failure))).toCompletionStage();
    }

    private static UpstreamResponse toResponse(HttpClientResponse response, Buffer body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return new UpstreamResponse(response.statusCode(), headers, body == null ? new byte[0] : body.getBytes());
    }

    /** Anything that ends a request without a response is a connection-level failure. */
    private static Throwable mapFailure(URI uri, Throwable failure) {
        String target = uri.getScheme() + "://" + uri.getAuthority();
        if (failure instanceof TimeoutException || failure instanceof io.netty.channel.ConnectTimeoutException) {
            return new UpstreamConnectException("no answer from " + target + " in time", true, failure);
        }
        return new UpstreamConnectException("cannot reach " + target + ": " + failure.getMessage(), false, failure);
    }

    @Override
    public void close() {
        shared.close();
        perLoop.values().forEach(HttpClient::close);
    }
}
