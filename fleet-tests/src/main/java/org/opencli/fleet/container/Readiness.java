package org.opencli.fleet.container;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.opencli.fleet.LaneContext;

/**
 * Waiting for what a container serves: podman here runs no systemd timer for health checks, so
 * the lanes poll (every 250 ms, each try bounded) until the condition holds or the deadline passes.
 */
public final class Readiness {
    private Readiness() {
    }

    /** True once {@code url} answers 200 within {@code timeout}; only the outcome goes to the transcript. */
    public static boolean awaitOk(LaneContext ctx, String url, Duration timeout) {
        return awaitTrue(ctx, "GET " + url + " -> 200", timeout, () -> ctx.http().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** True once {@code condition} returns true within {@code timeout} (exceptions count as "not yet"). */
    public static boolean awaitTrue(LaneContext ctx, String what, Duration timeout, Callable<Boolean> condition) {
        Instant start = Instant.now();
        try {
            Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(condition);
            ctx.log(what + " after " + Duration.between(start, Instant.now()).toMillis() + " ms");
            return true;
        } catch (ConditionTimeoutException e) {
            ctx.log(what + ": not within " + timeout);
            return false;
        }
    }
}
