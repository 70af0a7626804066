package org.opencli.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencli.core.auth.TokenRejected;

/**
 * Refusals at the auth boundary, counted by {@code service.security.AuthAudit} from the security
 * events it already observes: authentication failures by reason ({@link TokenRejected}'s codes) and
 * authorization denials by the scope that was missing. Every refusal is counted, also those the
 * audit's failure throttle folds into a summary record.
 */
@ApplicationScoped
@Startup // its zero series exist before the first refusal, for alerts on their rate
public class AuthMetrics {
    /** The IdP could not be reached to check a token (502): the operator's problem, not the caller's. */
    static final String AUTH_UNAVAILABLE = "auth_unavailable";
    private static final int MAX_REASONS = 32; // TokenRejected's vocabulary is a dozen; the rest is "other"
    private final MeterRegistry registry;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Map<String, Counter> denials = new ConcurrentHashMap<>();

    @Inject
    public AuthMetrics(MeterRegistry registry) {
        this.registry = registry;
        // present from the start, so an alert on their rate sees zero rather than no series
        for (String reason : new String[] {TokenRejected.MISSING, TokenRejected.MALFORMED, TokenRejected.EXPIRED,
                TokenRejected.BAD_SIGNATURE, AUTH_UNAVAILABLE}) {
            authenticationCounter(reason);
        }
    }

    /** An authentication failure; {@code reason} a token refusal's reason, {@code auth_unavailable}, or null ("other"). */
    public void authenticationFailed(String reason) {
        authenticationCounter(reason == null || failures.size() >= MAX_REASONS && !failures.containsKey(reason) ? "other" : reason)
                .increment();
    }

    /** A valid token lacked {@code scope} (null: none named). */
    public void authorizationDenied(String scope) {
        String tag = scope == null ? EngineMetrics.NONE : scope;
        denials.computeIfAbsent(tag, s -> Counter.builder("ocli.authz.denials")
                .description("Requests refused for a missing scope, by scope").tag("scope", s).register(registry)).increment();
    }

    private Counter authenticationCounter(String reason) {
        return failures.computeIfAbsent(reason, r -> Counter.builder("ocli.authn.failures")
                .description("Authentication failures at the runtime's boundary, by reason").tag("reason", r).register(registry));
    }
}
