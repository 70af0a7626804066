package org.opencli.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.observe.EngineObserver;
import org.opencli.core.observe.HandOff;
import org.opencli.core.observe.ObservedStep;
import org.opencli.core.observe.StatusClass;
import org.opencli.core.observe.StepKind;

/**
 * Sends with retries: 429 and 503 for any method, connection failures and response timeouts only
 * when the tool is idempotent. Delays come from {@code Retry-After} (seconds or HTTP date, capped)
 * or exponential backoff with full jitter, and are scheduled — no thread ever sleeps. The whole
 * execution — every attempt, its body and every delay — ends by one deadline ({@code totalTime}
 * after the first attempt starts): each attempt gets at most what is left of it, and the answer
 * fails with {@code upstream_timeout} when it passes. Each attempt is one {@link StepKind#UPSTREAM_CALL}
 * step of the observer, and its request carries that step's propagation headers. A retry is logged
 * (DEBUG) on the thread that makes it, with the request's log context carried there ({@link HandOff}).
 */
public final class RetryingSender {
    private static final System.Logger LOG = System.getLogger(RetryingSender.class.getName());

    /** The final answer and how many retries it took. */
    public record Outcome(UpstreamResponse response, int retryCount) {
    }

    private final UpstreamClient client;
    private final ScheduledExecutorService scheduler;
    private final ExecutionSettings settings;
    private final Clock clock;
    private final EngineObserver observer;
    private final HandOff handOff;

    public RetryingSender(UpstreamClient client, ScheduledExecutorService scheduler, ExecutionSettings settings, Clock clock) {
        this(client, scheduler, settings, clock, EngineObserver.NONE, HandOff.NONE);
    }

    public RetryingSender(UpstreamClient client, ScheduledExecutorService scheduler, ExecutionSettings settings, Clock clock,
                          EngineObserver observer, HandOff handOff) {
        this.client = client;
        this.scheduler = scheduler;
        this.settings = settings;
        this.clock = clock;
        this.observer = observer == null ? EngineObserver.NONE : observer;
        this.handOff = handOff == null ? HandOff.NONE : handOff;
    }

    /** As {@link #send(UpstreamRequest, boolean, int[], Duration)} with the engine's {@code maxTotalTime}. */
    public CompletionStage<Outcome> send(UpstreamRequest request, boolean idempotent, int[] retries) {
        return send(request, idempotent, retries, settings.maxTotalTime());
    }

    /**
     * {@code retries} receives the retry count so far, also when the call finally fails;
     * {@code request.timeout()} bounds each attempt, {@code totalTime} all of them together.
     */
    public CompletionStage<Outcome> send(UpstreamRequest request, boolean idempotent, int[] retries, Duration totalTime) {
        return send(request, idempotent, retries, totalTime, null, null);
    }

    /**
     * As {@link #send(UpstreamRequest, boolean, int[], Duration)}; each attempt is an
     * {@link StepKind#UPSTREAM_CALL} step under {@code parent}, tagged with {@code tool} (a catalog
     * tool id, or null).
     */
    public CompletionStage<Outcome> send(UpstreamRequest request, boolean idempotent, int[] retries, Duration totalTime,
                                         ObservedStep parent, String tool) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        Deadline deadline = new Deadline(System.nanoTime(), totalTime);
        // The backstop: whatever a client does, the answer is not later than the deadline.
        ScheduledFuture<?> backstop = scheduler.schedule(() -> result.completeExceptionally(timedOut(request, deadline, retries[0] + 1)),
                totalTime.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((outcome, error) -> backstop.cancel(false));
        attempt(new Attempts(request, idempotent, deadline, retries, result, parent, tool), 1);
        return result;
    }

    private record Deadline(long startNanos, Duration total) {
        Duration left() {
            return total.minusNanos(System.nanoTime() - startNanos);
        }

        /** The attempt's own timeout, cut to what is left of the execution. */
        Duration forAttempt(Duration perAttempt) {
            Duration left = left();
            return perAttempt == null || perAttempt.compareTo(left) > 0 ? left : perAttempt;
        }
    }

    /** One send: what every attempt of it shares. */
    private record Attempts(UpstreamRequest request, boolean idempotent, Deadline deadline, int[] retries,
            CompletableFuture<Outcome> result, ObservedStep parent, String tool) {
    }

    private void attempt(Attempts a, int attempt) {
        UpstreamRequest request = a.request();
        Deadline deadline = a.deadline();
        CompletableFuture<Outcome> result = a.result();
        if (result.isDone()) return; // the deadline passed while this attempt was scheduled
        Duration timeout = deadline.forAttempt(request.timeout());
        if (timeout.isZero() || timeout.isNegative()) {
            result.completeExceptionally(timedOut(request, deadline, attempt));
            return;
        }
        ObservedStep step = observer.start(StepKind.UPSTREAM_CALL, a.parent());
        if (a.tool() != null) step.tag("tool", a.tool());
        CompletionStage<UpstreamResponse> sent;
        try {
            sent = client.send(request.withTimeout(timeout).withPropagation(step.propagationHeaders()));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((response, error) -> {
            ended(step, response, error);
            if (result.isDone()) return;
            Throwable cause = unwrap(error);
            Duration delay = null;
            if (cause == null) {
                if (response.body() != null && response.body().length > settings.maxResponseBytes()) {
                    result.completeExceptionally(tooLarge());
                    return;
                }
                if (response.statusCode() == 429 || response.statusCode() == 503) delay = retryAfter(response, attempt);
                if (delay == null || !mayRetry(attempt, deadline, delay)) {
                    result.complete(new Outcome(response, attempt - 1));
                    return;
                }
            } else if (cause instanceof ResponseTooLargeException) {
                result.completeExceptionally(tooLarge());
                return;
            } else if (cause instanceof UpstreamBodyException bad) {
                result.completeExceptionally(new OcliException(ErrorKind.UPSTREAM, "upstream_invalid_response",
                        "Upstream answer invalid", request.method() + " " + request.target() + ": " + bad.getMessage()));
                return;
            } else if (cause instanceof UpstreamConnectException connect) {
                delay = backoff(attempt);
                if (!a.idempotent() || !mayRetry(attempt, deadline, delay)) {
                    result.completeExceptionally(connect instanceof UpstreamTimeoutException
                            ? timedOut(request, deadline, attempt) : unreachable(request, connect, attempt));
                    return;
                }
            } else {
                result.completeExceptionally(cause);
                return;
            }
            a.retries()[0] = attempt;
            String after = cause == null ? "HTTP " + response.statusCode()
                    : cause instanceof UpstreamTimeoutException ? "no answer in time" : "no connection";
            long delayMillis = delay.toMillis();
            scheduler.schedule(handOff.carrying(() -> {
                LOG.log(System.Logger.Level.DEBUG, () -> "upstream " + request.target() + (a.tool() == null ? "" : " (" + a.tool() + ")")
                        + ": " + after + "; attempt " + (attempt + 1) + " after " + delayMillis + " ms");
                attempt(a, attempt + 1);
            }), delayMillis, TimeUnit.MILLISECONDS);
        });
    }

    /** An attempt ends {@code ok} with any answer below 500, {@code error} with a 5xx or none. */
    private static void ended(ObservedStep step, UpstreamResponse response, Throwable error) {
        Integer status = error == null && response != null ? response.statusCode() : null;
        step.tag("status_class", StatusClass.of(status));
        step.end(status != null && status < 500 ? "ok" : "error");
    }

    private boolean mayRetry(int attempt, Deadline deadline, Duration delay) {
        return attempt < settings.maxAttempts() && delay.compareTo(deadline.left()) < 0;
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
                "the upstream answered with more than " + settings.maxResponseBytes()
                        + " bytes (maxResponseBytes, counted as received and after gzip/deflate decoding); the rest was not read");
    }

    private static OcliException timedOut(UpstreamRequest request, Deadline deadline, int attempts) {
        return new OcliException(ErrorKind.UPSTREAM, "upstream_timeout", "Upstream timeout",
                request.method() + " " + request.target() + " gave no complete answer in time ("
                        + (request.timeout() == null ? "" : "response timeout " + request.timeout().toMillis() + " ms per attempt, ")
                        + "total deadline " + deadline.total().toMillis() + " ms; " + attempts + " attempt(s))", List.of(), null);
    }

    private static OcliException unreachable(UpstreamRequest request, UpstreamConnectException e, int attempts) {
        return new OcliException(ErrorKind.UPSTREAM, "upstream_unreachable", "Upstream unreachable",
                request.method() + " " + request.target() + " failed after "
                        + attempts + " attempt(s): " + (e.isTimeout() ? "timed out" : e.getMessage()),
                List.of(), null);
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) {
            if (t.getCause() == null) break;
            t = t.getCause();
        }
        return t;
    }
}
