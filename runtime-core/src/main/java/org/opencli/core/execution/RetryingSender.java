package org.opencli.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * Sends with retries: 429 and 503 for any method, connection failures only when the tool is
 * idempotent. Delays come from {@code Retry-After} (seconds or HTTP date, capped) or exponential
 * backoff with full jitter, and are scheduled — no thread ever sleeps.
 */
public final class RetryingSender {
    /** The final answer and how many retries it took. */
    public record Outcome(UpstreamResponse response, int retryCount) {
    }

    private final UpstreamClient client;
    private final ScheduledExecutorService scheduler;
    private final ExecutionSettings settings;
    private final Clock clock;

    public RetryingSender(UpstreamClient client, ScheduledExecutorService scheduler, ExecutionSettings settings, Clock clock) {
        this.client = client;
        this.scheduler = scheduler;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code retries} receives the retry count so far, also when the call finally fails. */
    public CompletionStage<Outcome> send(UpstreamRequest request, boolean idempotent, int[] retries) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        attempt(request, idempotent, 1, System.nanoTime(), retries, result);
        return result;
    }

    private void attempt(UpstreamRequest request, boolean idempotent, int attempt, long startNanos, int[] retries,
                         CompletableFuture<Outcome> result) {
        CompletionStage<UpstreamResponse> sent;
        try {
            sent = client.send(request);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((response, error) -> {
            Throwable cause = unwrap(error);
            Duration delay = null;
            if (cause == null) {
                if (response.body() != null && response.body().length > settings.maxResponseBytes()) {
                    result.completeExceptionally(tooLarge());
                    return;
                }
                if (response.statusCode() == 429 || response.statusCode() == 503) delay = retryAfter(response, attempt);
                if (delay == null || !mayRetry(attempt, startNanos, delay)) {
                    result.complete(new Outcome(response, attempt - 1));
                    return;
                }
            } else if (cause instanceof ResponseTooLargeException) {
                result.completeExceptionally(tooLarge());
                return;
            } else if (cause instanceof UpstreamConnectException connect) {
                delay = backoff(attempt);
                if (!idempotent || !mayRetry(attempt, startNanos, delay)) {
                    result.completeExceptionally(unreachable(request, connect, attempt));
                    return;
                }
            } else {
                result.completeExceptionally(cause);
                return;
            }
            retries[0] = attempt;
            scheduler.schedule(() -> attempt(request, idempotent, attempt + 1, startNanos, retries, result),
                    delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private boolean mayRetry(int attempt, long startNanos, Duration delay) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        return attempt < settings.maxAttempts() && elapsed.plus(delay).compareTo(settings.maxTotalTime()) <= 0;
    }

    private Duration retryAfter(UpstreamResponse response, int attempt) {
        String value = response.header("Retry-After").orElse(null);
        if (value == null) return backoff(attempt);
        Duration wait;
        try {
            wait = Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                wait = Duration.between(clock.instant(), at.toInstant());
                if (wait.isNegative()) wait = Duration.ZERO;
            } catch (RuntimeException unparseable) {
                return backoff(attempt);
            }
        }
        return wait.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : wait;
    }

    private Duration backoff(int attempt) {
        long cap = Math.min(settings.maxBackoff().toMillis(),
                settings.initialBackoff().toMillis() * (1L << Math.min(attempt - 1, 20)));
        return Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    private OcliException tooLarge() {
        return new OcliException(ErrorKind.UPSTREAM, "response_too_large", "Upstream response too large",
                "the upstream answered with more than " + settings.maxResponseBytes() + " bytes");
    }

    private static OcliException unreachable(UpstreamRequest request, UpstreamConnectException e, int attempts) {
        return new OcliException(ErrorKind.UPSTREAM, "upstream_unreachable", "Upstream unreachable",
                request.method() + " " + request.uri().getScheme() + "://" + request.uri().getAuthority() + " failed after "
                        + attempts + " attempt(s): " + (e.isTimeout() ? "timed out" : e.getMessage()),
                java.util.List.of(), null);
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) {
            if (t.getCause() == null) break;
            t = t.getCause();
        }
        return t;
    }
}
