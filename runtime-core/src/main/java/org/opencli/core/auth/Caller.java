package org.opencli.core.auth;

import java.util.Set;

/**
 * Who is asking, as far as the runtime knows. {@code scopes} is null when runtime auth is off
 * (everything the config allows is visible); with auth on it holds the token's granted scopes
 * (after claim and grant mapping) and the authorization envelope is computed from it.
 * {@code subjectId} is the token's immutable id ({@code oid}, else {@code sub}) and
 * {@code tenantId} its {@code tid}; both null without a token. Carries no token.
 */
public record Caller(
        String principal,
        String clientId,
        String sessionId,
        String requestId,
        Set<String> scopes,
        String subjectId,
        String tenantId) {

    public Caller(String principal, String clientId, String sessionId, String requestId, Set<String> scopes) {
        this(principal, clientId, sessionId, requestId, scopes, null, null);
    }

    /** Runtime auth off: no principal, no envelope. */
    public static Caller unauthenticated(String requestId) {
        return new Caller(null, null, null, requestId, null);
    }

    public static Caller anonymous() {
        return unauthenticated(null);
    }

    public boolean authEnforced() {
        return scopes != null;
    }
}
