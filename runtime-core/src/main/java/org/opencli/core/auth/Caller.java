package org.opencli.core.auth;

import java.util.List;
import java.util.Set;

/**
 * Who is asking, as far as the runtime knows. {@code scopes} is null when runtime auth is off
 * (everything the config allows is visible); with auth on it holds the token's granted scopes
 * (after claim and grant mapping) and the authorization envelope is computed from it.
 * {@code delegation} is the chain of agents acting for the principal (null when none): every actor's
 * maximum grants bound what the principal's scopes allow. {@code subjectId} is the token's immutable
 * id ({@code oid}, else {@code sub}) and {@code tenantId} its {@code tid}; both null without a token.
 * Carries no token.
 */
public record Caller(
        String principal,
        String clientId,
        String sessionId,
        String requestId,
        Set<String> scopes,
        DelegationChain delegation,
        String subjectId,
        String tenantId) {

    public Caller(String principal, String clientId, String sessionId, String requestId, Set<String> scopes) {
        this(principal, clientId, sessionId, requestId, scopes, null, null, null);
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

    /** True when the caller holds {@code scope}: granted to the principal and allowed for every actor. */
    public boolean holds(String scope) {
        return scopes != null && scopes.contains(scope) && (delegation == null || delegation.allows(scope));
    }

    /** The acting agents' ids for the audit record, current actor first; null when nobody acts. */
    public List<String> actors() {
        return delegation == null ? null : delegation.actors();
    }
}
