package org.opencli.core.execution;

import java.time.Duration;

/**
 * Limits of upstream execution. Retries happen on 429/503 (any method) and on connection failures
 * and response timeouts of idempotent tools; a {@code Retry-After} is honoured up to
 * {@code maxRetryAfter}, otherwise the delay is exponential from {@code initialBackoff} (with
 * jitter) up to {@code maxBackoff}. {@code responseTimeout} bounds one attempt, body included;
 * {@code maxTotalTime} is the deadline of the whole execution from the first attempt (no retry is
 * scheduled past it, an answer still missing then is {@code upstream_timeout}).
 * {@code maxResponseBytes} bounds a body as received and after gzip/deflate decoding.
 */
public record ExecutionSettings(
        Duration connectTimeout,
        Duration responseTimeout,
        long maxResponseBytes,
        int maxAttempts,
        Duration maxTotalTime,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        Duration secretCommandTimeout) {

    public static ExecutionSettings defaults() {
        return new ExecutionSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 10L * 1024 * 1024, 3,
                Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10));
    }

    public ExecutionSettings withMaxAttempts(int n) {
        return new ExecutionSettings(connectTimeout, responseTimeout, maxResponseBytes, n, maxTotalTime,
                initialBackoff, maxBackoff, maxRetryAfter, secretCommandTimeout);
    }

    public ExecutionSettings withBackoff(Duration initial, Duration max) {
        return new ExecutionSettings(connectTimeout, responseTimeout, maxResponseBytes, maxAttempts, maxTotalTime,
                initial, max, maxRetryAfter, secretCommandTimeout);
    }

    public ExecutionSettings withMaxResponseBytes(long n) {
        return new ExecutionSettings(connectTimeout, responseTimeout, n, maxAttempts, maxTotalTime,
                initialBackoff, maxBackoff, maxRetryAfter, secretCommandTimeout);
    }

    public ExecutionSettings withMaxTotalTime(Duration d) {
        return new ExecutionSettings(connectTimeout, responseTimeout, maxResponseBytes, maxAttempts, d,
                initialBackoff, maxBackoff, maxRetryAfter, secretCommandTimeout);
    }

    public ExecutionSettings withSecretCommandTimeout(Duration d) {
        return new ExecutionSettings(connectTimeout, responseTimeout, maxResponseBytes, maxAttempts, maxTotalTime,
                initialBackoff, maxBackoff, maxRetryAfter, d);
    }
}
