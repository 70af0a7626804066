package org.opencli.core.auth;

/**
 * Checks one bearer token. Blocking (JWKS and introspection fetches): call it on a worker thread,
 * never on an event loop.
 */
public interface TokenValidator {

    /**
     * @return the token's principal, client and scopes
     * @throws TokenRejected with the reason the token is refused
     * @throws org.opencli.core.error.OcliException {@code auth_unavailable} (502) when the IdP
     *         cannot be reached; the request is refused (fail closed), never let through
     */
    ValidatedToken validate(String token);
}
