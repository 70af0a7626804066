package org.opencli.service.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * What {@link BearerMechanism} read from a request: the bearer value (null when none was sent; never
 * logged, echoed or audited), the request id and the caller's {@code X-Ocli-Session}.
 */
abstract sealed class CredentialRequest extends BaseAuthenticationRequest
        permits CredentialRequest.RuntimeToken, CredentialRequest.DaemonKey {
    private final String presented;
    private final String requestId;
    private final String sessionId;

    CredentialRequest(String presented, String requestId, String sessionId) {
        this.presented = presented;
        this.requestId = requestId;
        this.sessionId = sessionId;
    }

    String presented() {
        return presented;
    }

    String requestId() {
        return requestId;
    }

    String sessionId() {
        return sessionId;
    }

    /** A runtime token, validated against {@code runtime.server.auth} ({@link RuntimeTokenIdentityProvider}). */
    static final class RuntimeToken extends CredentialRequest {
        RuntimeToken(String token, String requestId, String sessionId) {
            super(token, requestId, sessionId);
        }
    }

    /** Without runtime auth: the daemon's owner key, or nothing on a daemon open to its network ({@link DaemonKeyIdentityProvider}). */
    static final class DaemonKey extends CredentialRequest {
        DaemonKey(String presentedKey, String requestId, String sessionId) {
            super(presentedKey, requestId, sessionId);
        }
    }

    /** Never the credential: a default toString could print it into a log. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[request " + requestId + "]";
    }
}
