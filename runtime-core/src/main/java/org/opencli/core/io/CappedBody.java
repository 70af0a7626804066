package org.opencli.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A response body collected up to a byte limit. A declared {@code Content-Length} over the limit
 * fails before any byte is read; a body that streams past it is cancelled at the first chunk over,
 * so at most {@code limit} bytes (plus one chunk) are ever held. Bytes are requested one chunk at
 * a time, so a body is never buffered ahead of the check. For any {@code java.net.http} client call
 * that reads a body from elsewhere (source documents; upstream answers may share it).
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body is larger than the limit. */
    public static final class TooLarge extends IOException {
        public TooLarge(long limit) {
            super("body larger than " + limit + " bytes");
        }
    }

    /** The caller gave up on the body (its deadline passed). */
    public static final class Abandoned extends IOException {
        public Abandoned() {
            super("body abandoned");
        }
    }

    /** Creates the subscriber for the response and keeps it, so a caller that gives up can cancel it. */
    public static final class Handler implements HttpResponse.BodyHandler<byte[]> {
        private final long limit;
        private final AtomicReference<CappedBody> current = new AtomicReference<>();

        public Handler(long limit) {
            this.limit = limit;
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            OptionalLong declared = info.headers().firstValueAsLong("content-length");
            CappedBody body = new CappedBody(limit, declared.isPresent() && declared.getAsLong() > limit);
            current.set(body);
            return body;
        }

        /** Stops reading the body of the current response, if one has started. */
        public void cancel() {
            CappedBody body = current.get();
            if (body != null) body.cancel();
        }
    }

    private final long limit;
    private final boolean declaredTooLarge;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    private CappedBody(long limit, boolean declaredTooLarge) {
        this.limit = limit;
        this.declaredTooLarge = declaredTooLarge;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredTooLarge) {
            s.cancel();
            result.completeExceptionally(new TooLarge(limit));
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) return;
        for (ByteBuffer buffer : buffers) {
            if (collected.size() + (long) buffer.remaining() > limit) {
                subscription.cancel();
                collected.reset();
                result.completeExceptionally(new TooLarge(limit));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            collected.writeBytes(chunk);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(collected.toByteArray());
    }

    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
        result.completeExceptionally(new Abandoned());
    }
}
