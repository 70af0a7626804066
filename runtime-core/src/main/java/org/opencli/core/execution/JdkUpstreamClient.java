package org.opencli.core.execution;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * {@link UpstreamClient} over the JDK's HttpClient (embedded mode). Bodies are read up to a limit;
 * connection failures and timeouts become {@link UpstreamConnectException}.
 */
public final class JdkUpstreamClient implements UpstreamClient {
    private static final java.util.Set<String> RESTRICTED = java.util.Set.of("connection", "content-length", "host",
            "expect", "upgrade");
    private final Executor executor;
    private final java.time.Duration defaultConnectTimeout;
    // The JDK client fixes the connect timeout per client: one client per distinct timeout in use.
    private final java.util.Map<java.time.Duration, HttpClient> clients = new java.util.concurrent.ConcurrentHashMap<>();
    private final long maxResponseBytes;

    public JdkUpstreamClient(ExecutionSettings settings, Executor executor) {
        this.executor = executor;
        this.defaultConnectTimeout = settings.connectTimeout();
        this.maxResponseBytes = settings.maxResponseBytes();
    }

    private HttpClient client(java.time.Duration connectTimeout) {
        java.time.Duration key = connectTimeout == null ? defaultConnectTimeout : connectTimeout;
        return clients.computeIfAbsent(key, t -> HttpClient.newBuilder().connectTimeout(t)
                .followRedirects(HttpClient.Redirect.NEVER).executor(executor).build());
    }

    @Override
    public CompletionStage<UpstreamResponse> send(UpstreamRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.timeout() != null) b.timeout(request.timeout());
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) values.forEach(v -> b.header(name, v));
        });
        return client(request.connectTimeout()).sendAsync(b.build(), info -> new LimitedBody(maxResponseBytes))
                .handle((response, error) -> {
                    if (error != null) throw mapped(error);
                    return new UpstreamResponse(response.statusCode(), response.headers().map(), response.body());
                });
    }

    private static RuntimeException mapped(Throwable error) {
        Throwable cause = RetryingSender.unwrap(error);
        if (cause instanceof ResponseTooLargeException tooLarge) return tooLarge;
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return new UpstreamConnectException("timed out", true, cause);
        }
        if (cause instanceof ConnectException) return new UpstreamConnectException("connection refused", false, cause);
        if (cause instanceof IOException) return new UpstreamConnectException(
                "connection failed (" + cause.getClass().getSimpleName() + ")", false, cause);
        return cause instanceof RuntimeException re ? re : new RuntimeException(cause);
    }

    /** Collects the body, failing with {@link ResponseTooLargeException} once it passes the limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long limit;
        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        private final java.util.concurrent.CompletableFuture<byte[]> result = new java.util.concurrent.CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) return;
            for (ByteBuffer item : items) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
            if (buffer.size() > limit) {
                result.completeExceptionally(new ResponseTooLargeException(limit));
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }

}
