package org.opencli.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a valid token says about its bearer: principal (the configured {@code principalClaim}, by
 * default {@code preferred_username}, else the immutable id), client ({@code azp}, else
 * {@code client_id}), granted scopes after claim and grant mapping, expiry (null when the token
 * carries none), {@code delegation} the {@code act} chain when an agent acts for the subject (null
 * otherwise), the immutable id {@code subjectId} ({@code oid}, else {@code sub}) and the tenant
 * {@code tenantId} ({@code tid}, null when absent). Never holds the token itself.
 */
public record ValidatedToken(String principal, String clientId, Set<String> scopes, Instant expiresAt,
        DelegationChain delegation, String subjectId, String tenantId) {

    public ValidatedToken(String principal, String clientId, Set<String> scopes, Instant expiresAt) {
        this(principal, clientId, scopes, expiresAt, null, null, null);
    }

    public ValidatedToken withDelegation(DelegationChain chain) {
        return new ValidatedToken(principal, clientId, scopes, expiresAt, chain, subjectId, tenantId);
    }

    /** The acting agents' ids, current actor first; empty when nobody acts for the subject. */
    public List<String> actors() {
        return delegation == null ? List.of() : delegation.actors();
    }

    public Caller caller(String sessionId, String requestId) {
        return new Caller(principal, clientId, sessionId, requestId, scopes, delegation, subjectId, tenantId);
    }
}
