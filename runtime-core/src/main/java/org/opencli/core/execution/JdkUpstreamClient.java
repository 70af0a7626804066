package org.opencli.core.execution;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link UpstreamClient} over the JDK's HttpClient (embedded mode). Bodies are read through a
 * {@link BoundedBody} (size limit on the wire and after gzip/deflate decoding, enforced while
 * reading); the request's timeout bounds the whole exchange, body included. Connection failures
 * and timeouts become {@link UpstreamConnectException}s.
 */
public final class JdkUpstreamClient implements UpstreamClient {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect", "upgrade");
    private final Executor executor;
    private final Duration defaultConnectTimeout;
    // The JDK client fixes the connect timeout per client: one client per distinct timeout in use.
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private final long maxResponseBytes;
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "ocli-upstream-deadline");
        t.setDaemon(true);
        return t;
    });

    public JdkUpstreamClient(ExecutionSettings settings, Executor executor) {
        this.executor = executor;
        this.defaultConnectTimeout = settings.connectTimeout();
        this.maxResponseBytes = settings.maxResponseBytes();
        deadlines.setRemoveOnCancelPolicy(true); // a call that finished early leaves no timer behind
    }

    private HttpClient client(Duration connectTimeout) {
        Duration key = connectTimeout == null ? defaultConnectTimeout : connectTimeout;
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
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> b.header(name, v));
        });
        if (!request.hasHeader("Accept-Encoding")) b.header("Accept-Encoding", BoundedBody.ACCEPT_ENCODING);
        AtomicReference<Bounded> reading = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> sent = client(request.connectTimeout()).sendAsync(b.build(), info -> {
            Bounded body = new Bounded(BoundedBody.of(info.headers().firstValue("Content-Encoding").orElse(null),
                    info.headers().firstValueAsLong("Content-Length").orElse(-1), maxResponseBytes));
            reading.set(body);
            return body;
        });
        CompletableFuture<UpstreamResponse> answer = new CompletableFuture<>();
        // HttpRequest.timeout ends the wait for headers only: this ends a trickling body too.
        ScheduledFuture<?> deadline = request.timeout() == null ? null : deadlines.schedule(() -> {
            UpstreamTimeoutException late = new UpstreamTimeoutException(
                    "no complete answer within " + request.timeout().toMillis() + " ms", null);
            if (answer.completeExceptionally(late)) {
                Bounded body = reading.get();
                if (body != null) body.abort(late);
                sent.cancel(true);
            }
        }, request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        sent.whenComplete((response, error) -> {
            if (deadline != null) deadline.cancel(false);
            if (error != null) {
                answer.completeExceptionally(mapped(error));
            } else {
                boolean decoded = reading.get() != null && reading.get().body.decodes();
                answer.complete(new UpstreamResponse(response.statusCode(), headers(response.headers(), decoded), response.body()));
            }
        });
        return answer;
    }

    private static Map<String, List<String>> headers(HttpHeaders headers, boolean decoded) {
        if (!decoded) return headers.map();
        Map<String, List<String>> out = new java.util.LinkedHashMap<>(headers.map());
        out.keySet().removeIf(BoundedBody::describesEncodedBody);
        return out;
    }

    private static RuntimeException mapped(Throwable error) {
        Throwable cause = RetryingSender.unwrap(error);
        if (cause instanceof ResponseTooLargeException || cause instanceof UpstreamBodyException
                || cause instanceof UpstreamConnectException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof HttpConnectTimeoutException) return new UpstreamConnectException("connect timed out", true, cause);
        if (cause instanceof HttpTimeoutException) return new UpstreamTimeoutException("no answer in time", cause);
        if (cause instanceof ConnectException) return new UpstreamConnectException("connection refused", false, cause);
        if (cause instanceof IOException)
            return new UpstreamConnectException(
                    "connection failed (" + cause.getClass().getSimpleName() + ")", false, cause);
        return cause instanceof RuntimeException re ? re : new RuntimeException(cause);
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }

    /** Feeds a {@link BoundedBody}; a failure (too large, corrupt, deadline) cancels the rest of the body. */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final BoundedBody body;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Bounded(BoundedBody body) {
            this.body = body;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public synchronized void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (result.isDone()) s.cancel();
            else s.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> items) {
            if (result.isDone()) return;
            try {
                for (ByteBuffer item : items) body.accept(item);
            } catch (RuntimeException e) {
                abort(e);
            }
        }

        @Override
        public synchronized void onError(Throwable t) {
            body.discard();
            result.completeExceptionally(t);
        }

        @Override
        public synchronized void onComplete() {
            if (result.isDone()) return;
            try {
                result.complete(body.finish());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        synchronized void abort(RuntimeException e) {
            if (!result.completeExceptionally(e)) return;
            body.discard();
            if (subscription != null) subscription.cancel();
        }
    }
}
