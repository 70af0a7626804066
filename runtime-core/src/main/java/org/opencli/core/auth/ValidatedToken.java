package org.opencli.core.auth;

import java.time.Instant;
import java.util.Set;

/**
 * What a valid token says about its bearer: principal ({@code preferred_username}, else {@code sub}),
 * client ({@code azp}, else {@code client_id}), granted scopes after claim mapping, and expiry
 * (null when the token carries none). Never holds the token itself.
 */
public record ValidatedToken(String principal, String clientId, Set<String> scopes, Instant expiresAt) {

    public Caller caller(String sessionId, String requestId) {
        return new Caller(principal, clientId, sessionId, requestId, scopes);
    }
}
