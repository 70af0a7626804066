package org.opencli.service.upstream;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.core.execution.UpstreamConnectException;
import org.opencli.core.execution.UpstreamRequest;
import org.opencli.core.execution.UpstreamResponse;

/**
 * The daemon's upstream client: Vert.x web client on the event loop, pooled keep-alive
 * connections, never a blocked thread while an upstream thinks. Each event loop has a client (and
 * pool) of its own, so a request sent from an event loop goes out and comes back on that same loop:
 * no hand-off between loops per execution. Calls from other threads share one more client.
 */
public final class VertxUpstreamClient implements UpstreamClient {
    private final Vertx vertx;
    private final WebClientOptions perLoopOptions;
    private final WebClient shared;
    private final Map<Thread, WebClient> perLoop = new ConcurrentHashMap<>();

    /** {@code maxPoolSize} connections per upstream host in all, spread over {@code eventLoops} loops. */
    public VertxUpstreamClient(Vertx vertx, Duration connectTimeout, int maxPoolSize, int eventLoops) {
        this.vertx = vertx;
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(maxPoolSize)
                .setFollowRedirects(false)
                .setTryUseCompression(true)
                .setUserAgent("oclird");
        this.shared = WebClient.create(vertx, options);
        this.perLoopOptions = new WebClientOptions(options).setMaxPoolSize(Math.max(4, maxPoolSize / Math.max(1, eventLoops)));
    }

    private WebClient client() {
        if (!io.vertx.core.Context.isOnEventLoopThread()) return shared;
        return perLoop.computeIfAbsent(Thread.currentThread(), t -> WebClient.create(vertx, perLoopOptions));
    }

    @Override
    public CompletionStage<UpstreamResponse> send(UpstreamRequest request) {
        URI uri = request.uri();
        HttpRequest<Buffer> http = client().requestAbs(HttpMethod.valueOf(request.method()), uri.toString());
        if (request.timeout() != null) http.timeout(request.timeout().toMillis());
        if (request.connectTimeout() != null) http.connectTimeout(request.connectTimeout().toMillis());
        request.headers().forEach((name, values) -> values.forEach(v -> http.putHeader(name, v)));
        var send = request.body() == null || request.body().length == 0
                ? http.send()
                : http.sendBuffer(Buffer.buffer(request.body()));
        return send.map(VertxUpstreamClient::toResponse)
                .onFailure().transform(failure -> mapFailure(uri, failure))
                .subscribeAsCompletionStage();
    }

    private static UpstreamResponse toResponse(HttpResponse<Buffer> response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Buffer body = response.body();
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
        perLoop.values().forEach(WebClient::close);
    }
}
