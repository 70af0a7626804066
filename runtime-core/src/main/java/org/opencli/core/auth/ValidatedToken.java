package org.opencli.core.auth;

import java.time.Instant;
import java.util.Set;

/**
 * What a valid token says about its bearer: principal (the configured {@code principalClaim}, by
 * default {@code preferred_username}, else the immutable id), client ({@code azp}, else
 * {@code client_id}), granted scopes after claim and grant mapping, expiry (null when the token
 * carries none), the immutable id {@code subjectId} ({@code oid}, else {@code sub}) and the tenant
 * {@code tenantId} ({@code tid}, null when absent). Never holds the token itself.
 */
public record ValidatedToken(String principal, String clientId, Set<String> scopes, Instant expiresAt, String subjectId,
        String tenantId) {

    public ValidatedToken(String principal, String clientId, Set<String> scopes, Instant expiresAt) {
        this(principal, clientId, scopes, expiresAt, null, null);
    }

    public Caller caller(String sessionId, String requestId) {
        return new Caller(principal, clientId, sessionId, requestId, scopes, subjectId, tenantId);
    }
}
