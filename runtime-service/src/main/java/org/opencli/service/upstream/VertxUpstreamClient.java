package org.opencli.service.upstream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
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
import org.opencli.core.execution.BoundedBody;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.core.execution.UpstreamConnectException;
import org.opencli.core.execution.UpstreamRequest;
import org.opencli.core.execution.UpstreamResponse;
import org.opencli.core.execution.UpstreamTimeoutException;

/**
 * The daemon's upstream client: Vert.x core HTTP client on the event loop, pooled keep-alive
 * connections, never a blocked thread while an upstream thinks. Each event loop has a client (and
 * pool) of its own, so a request sent from an event loop goes out and comes back on that same loop:
 * no hand-off between loops per execution. Calls from other threads share one more client.
 * Bodies stream through a {@link BoundedBody} (the size limit is enforced on the wire and after
 * gzip/deflate decoding while reading); the request's timeout bounds the whole exchange, body
 * included. Either failure resets the request, so nothing more is read.
 */
public final class VertxUpstreamClient implements UpstreamClient {
    private static final String USER_AGENT = "oclird";

    private final io.vertx.core.Vertx vertx;
    private final HttpClientOptions perLoopOptions;
    private final HttpClient shared;
    private final Map<Thread, HttpClient> perLoop = new ConcurrentHashMap<>();
    private final long maxResponseBytes;

    /**
     * {@code maxPoolSize} connections per upstream host in all, spread over {@code eventLoops} loops;
     * bodies over {@code maxResponseBytes} (as received or decoded) fail with {@code ResponseTooLargeException}.
     */
    public VertxUpstreamClient(Vertx vertx, Duration connectTimeout, int maxPoolSize, int eventLoops, long maxResponseBytes) {
        this.vertx = vertx.getDelegate();
        this.maxResponseBytes = maxResponseBytes;
        // No automatic decompression: Netty would inflate whole chunks before any limit applies.
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(maxPoolSize)
                .setTryUseCompression(false)
                // The engine's own UPSTREAM_CALL span is the client span and sets traceparent
                // (service.observe): Vert.x's would be a second span per call, parented to whatever
                // context the event loop had, with the full URL (a query may carry an API key).
                .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE);
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
        Promise<UpstreamResponse> answer = Promise.promise();
        long deadline = request.timeout() == null ? -1 : vertx.setTimer(Math.max(1, request.timeout().toMillis()), id -> answer.tryFail(new UpstreamTimeoutException("no complete answer from " + request.target() + " within "
                + request.timeout().toMillis() + " ms", null)));
        answer.future().onComplete(done -> {
            if (deadline >= 0) vertx.cancelTimer(deadline);
        });
        client().request(options).onComplete(opened -> {
            if (opened.failed()) {
                answer.tryFail(mapFailure(request, opened.cause()));
                return;
            }
            HttpClientRequest http = opened.result();
            http.exceptionHandler(failure -> answer.tryFail(mapFailure(request, failure)));
            // a failure from here on (too large, deadline, corrupt body) stops the exchange: nothing more is read
            answer.future().onFailure(failure -> http.reset(0, failure));
            request.headers().forEach(http::putHeader);
            if (!http.headers().contains(HttpHeaders.USER_AGENT)) http.putHeader(HttpHeaders.USER_AGENT, USER_AGENT);
            if (!http.headers().contains(HttpHeaders.ACCEPT_ENCODING)) http.putHeader(HttpHeaders.ACCEPT_ENCODING, BoundedBody.ACCEPT_ENCODING);
            byte[] body = request.body();
            Future<HttpClientResponse> sent = body == null || body.length == 0 ? http.send() : http.send(Buffer.buffer(body));
            sent.onComplete(received -> {
                if (received.failed()) {
                    answer.tryFail(mapFailure(request, received.cause()));
                } else {
                    read(received.result(), request, answer);
                }
            });
        });
        return answer.future().toCompletionStage();
    }

    private void read(HttpClientResponse response, UpstreamRequest request, Promise<UpstreamResponse> answer) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        BoundedBody body = BoundedBody.of(response.getHeader(HttpHeaders.CONTENT_ENCODING), contentLength(length), maxResponseBytes);
        answer.future().onFailure(failure -> body.discard());
        response.handler(chunk -> {
            if (answer.future().isComplete()) return;
            try {
                body.accept(chunk.getByteBuf().nioBuffer());
            } catch (RuntimeException tooLargeOrCorrupt) {
                answer.tryFail(tooLargeOrCorrupt);
            }
        });
        response.exceptionHandler(failure -> answer.tryFail(mapFailure(request, failure)));
        response.endHandler(end -> {
            if (answer.future().isComplete()) return;
            try {
                answer.tryComplete(new UpstreamResponse(response.statusCode(), headers(response, body.decodes()), body.finish()));
            } catch (RuntimeException corrupt) {
                answer.tryFail(corrupt);
            }
        });
    }

    private static long contentLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, List<String>> headers(HttpClientResponse response, boolean decoded) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach(e -> {
            if (!decoded || !BoundedBody.describesEncodedBody(e.getKey())) {
                headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        });
        return headers;
    }

    /** Anything that ends a request without a response is a connection-level failure. */
    private static Throwable mapFailure(UpstreamRequest request, Throwable failure) {
        String target = request.target();
        if (failure instanceof io.netty.channel.ConnectTimeoutException) {
            return new UpstreamConnectException("no connection to " + target + " in time", true, failure);
        }
        if (failure instanceof TimeoutException) {
            return new UpstreamTimeoutException("no answer from " + target + " in time", failure);
        }
        return new UpstreamConnectException("cannot reach " + target + ": " + failure.getClass().getSimpleName(), false, failure);
    }

    @Override
    public void close() {
        shared.close();
        perLoop.values().forEach(HttpClient::close);
    }
}
