package org.opencli.service.security;

import io.quarkus.security.AuthenticationFailedException;
import org.opencli.core.error.OcliException;

/**
 * Authentication failures carry the engine's refusal as their cause ({@code TokenRejected} for a
 * 401, else the problem it names), never a credential; {@code rest.ProblemMappers} renders it.
 */
public final class AuthFailures {
    private AuthFailures() {
    }

    static AuthenticationFailedException failure(OcliException refusal) {
        return new AuthenticationFailedException(refusal.getMessage(), refusal);
    }

    /** The engine's refusal in {@code failure} or its causes, or null. */
    public static OcliException refusal(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof OcliException refused) return refused;
        }
        return null;
    }
}
