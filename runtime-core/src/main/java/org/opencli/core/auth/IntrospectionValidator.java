package org.opencli.core.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * {@code validationProfile: oauth2_introspection}: the IdP decides. Inactive → {@code inactive};
 * then {@code exp} (the cache never outlives it, but an IdP may answer active for an expired token),
 * then audience. Scopes and identity come from the response, as from a JWT's claims.
 */
final class IntrospectionValidator implements TokenValidator {
    private final Introspector introspector;
    private final String audience;
    private final ClaimRules claimRules;
    private final Clock clock;

    IntrospectionValidator(Introspector introspector, String audience, ClaimRules claimRules, Clock clock) {
        this.introspector = introspector;
        this.audience = audience;
        this.claimRules = claimRules;
        this.clock = clock;
    }

    @Override
    public ValidatedToken validate(String token) {
        Map<String, Object> claims = introspector.introspect(token);
        if (!Boolean.TRUE.equals(claims.get("active"))) {
            throw new TokenRejected(TokenRejected.INACTIVE, "the identity provider reports the token as not active");
        }
        Instant exp = ClaimTimes.instant(claims, "exp");
        if (exp != null && !clock.instant().isBefore(exp)) {
            throw new TokenRejected(TokenRejected.EXPIRED, "the token expired at " + exp);
        }
        if (!ClaimScopes.audienceContains(claims.get("aud"), audience)) {
            throw new TokenRejected(TokenRejected.WRONG_AUDIENCE, "the token's audience does not include " + audience);
        }
        Object tid = claims.get("tid");
        return claimRules.read(claims, exp, tid instanceof String s && !s.isBlank() ? s : null);
    }
}
