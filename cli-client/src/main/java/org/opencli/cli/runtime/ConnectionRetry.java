package org.opencli.cli.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;

/**
 * When ocli sends a call to the runtime again. Only idempotent calls are ever sent twice (see
 * {@link IdempotentCalls}); a call that is not is sent exactly once, whatever happens. An idempotent
 * call is sent again, at most {@value #RETRIES} times, when
 * <ul>
 *   <li>the connection failed before a complete answer: refused, reset, closed, or not opened in
 *       time (behind a balancer, the next attempt reaches another replica); or</li>
 *   <li>a gateway in front of the runtime answered 502/503/504 with something that is not the
 *       runtime's own problem+json (a balancer whose replica went away; the runtime's own 502
 *       "upstream failed" and 503s are answers, not connection failures).</li>
 * </ul>
 * A request that timed out waiting for its answer is not sent again: the runtime may still be doing it.
 * Any call, idempotent or not, is sent again when the runtime refused it as {@code shutting_down}:
 * a draining replica sent nothing upstream, and behind a balancer the next attempt reaches another.
 */
final class ConnectionRetry {
    static final int RETRIES = 2;
    private static final Duration[] BACKOFF = {Duration.ofMillis(100), Duration.ofMillis(400)};

    private ConnectionRetry() {
    }

    /** True for a failed connection; false for a request that timed out waiting for its answer. */
    static boolean beforeAnswer(IOException e) {
        return !(e instanceof RuntimeHttp.AnswerFailed);
    }

    /** A gateway's 502/503/504 (its body is not the runtime's problem+json). */
    static boolean gatewayFailure(RuntimeHttp.Response response) {
        int status = response.status();
        if (status != 502 && status != 503 && status != 504) return false;
        return !response.header("Content-Type").orElse("").startsWith("application/problem+json");
    }

    /** The runtime's own 503 {@code shutting_down}: refused before anything was sent upstream. */
    static boolean refusedWhileStopping(RuntimeHttp.Response response) {
        if (response.status() != 503 || !response.header("Content-Type").orElse("").startsWith("application/problem+json")) {
            return false;
        }
        try {
            return "shutting_down".equals(new ObjectMapper().readTree(response.body()).path("code").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits before attempt {@code attempt + 1}: a short, growing pause so a runtime that is
     * restarting (or a balancer noticing a dead replica) gets a moment; bounded to half a second in all.
     */
    static void pause(int attempt) throws InterruptedException {
        Thread.sleep(BACKOFF[Math.min(attempt, BACKOFF.length - 1)].toMillis());
    }
}
