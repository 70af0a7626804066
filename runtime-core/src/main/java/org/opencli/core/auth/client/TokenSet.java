package org.opencli.core.auth.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tokens from one grant plus what we know about them. {@code expiresAt} is epoch seconds (0 = the
 * IdP did not say). {@code principal} and {@code scopes} are for display only (read from the token
 * without verification; the runtime is the one that verifies).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenSet(
        String accessToken,
        String refreshToken,
        String idToken,
        long expiresAt,
        List<String> scopes,
        String principal) {

    public TokenSet {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** True when the access token is expired or expires within {@code margin} of {@code now}. */
    public boolean expiresWithin(Instant now, Duration margin) {
        return expiresAt > 0 && !now.plus(margin).isBefore(Instant.ofEpochSecond(expiresAt));
    }

    /** A token we were handed (providedToken): what it says about itself, for display; opaque tokens say nothing. */
    public static TokenSet describing(String accessToken) {
        com.nimbusds.jwt.JWTClaimsSet claims = UnverifiedClaims.of(accessToken);
        long exp = claims == null || claims.getExpirationTime() == null ? 0 : claims.getExpirationTime().toInstant().getEpochSecond();
        return new TokenSet(accessToken, null, null, exp, UnverifiedClaims.scopes(accessToken),
                UnverifiedClaims.principal(accessToken, null));
    }

    public boolean refreshable() {
        return refreshToken != null && !refreshToken.isBlank();
    }

    /** A refreshed set: the IdP may omit a new refresh token, in which case the old one stays valid. */
    public TokenSet refreshedWith(TokenSet fresh) {
        return new TokenSet(fresh.accessToken, fresh.refreshable() ? fresh.refreshToken : refreshToken,
                fresh.idToken != null ? fresh.idToken : idToken, fresh.expiresAt, fresh.scopes,
                fresh.principal != null ? fresh.principal : principal);
    }

    @Override
    public String toString() {
        return "TokenSet[principal=" + principal + ", scopes=" + scopes + ", expiresAt=" + expiresAt + ", tokens=***]";
    }
}
