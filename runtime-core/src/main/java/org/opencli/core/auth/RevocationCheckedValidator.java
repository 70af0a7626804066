package org.opencli.core.auth;

/**
 * {@code revocationCheck} on top of {@code oidc_jwks}: once the JWT passed every local check, the
 * IdP's introspection endpoint is asked whether it is still active, so a token revoked at the IdP
 * is refused ({@code revoked}) within the check's cache time.
 */
final class RevocationCheckedValidator implements TokenValidator {
    private final TokenValidator jwt;
    private final Introspector introspector;

    RevocationCheckedValidator(TokenValidator jwt, Introspector introspector) {
        this.jwt = jwt;
        this.introspector = introspector;
    }

    @Override
    public ValidatedToken validate(String token) {
        ValidatedToken valid = jwt.validate(token);
        if (!Boolean.TRUE.equals(introspector.introspect(token).get("active"))) {
            throw new TokenRejected(TokenRejected.REVOKED, "the identity provider reports the token as revoked");
        }
        return valid;
    }
}
