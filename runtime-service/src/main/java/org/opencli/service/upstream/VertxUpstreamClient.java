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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.core.execution.UpstreamConnectException;
import org.opencli.core.execution.UpstreamRequest;
import org.opencli.core.execution.UpstreamResponse;

/**
 * The daemon's upstream client: Vert.x web client on the event loop, pooled keep-alive
 * connections, never a blocked thread while an upstream thinks.
 */
public final class VertxUpstreamClient implements UpstreamClient {
    private final WebClient client;

    public VertxUpstreamClient(Vertx vertx, Duration connectTimeout, int maxPoolSize) {
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(maxPoolSize)
                .setFollowRedirects(false)
                .setTryUseCompression(true)
                .setUserAgent("oclird");
        this.client = WebClient.create(vertx, options);
    }

    @Override
    public CompletionStage<UpstreamResponse> send(UpstreamRequest request) {
        URI uri = request.uri();
        HttpRequest<Buffer> http = client.requestAbs(HttpMethod.valueOf(request.method()), uri.toString());
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
        client.close();
    }
}
