package org.opencli.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencli.core.config.ServerAuthConfig;

/**
 * How a verified token's claims become a {@link ValidatedToken}: grants from {@code scope},
 * {@code scp} and every {@code scopeClaims} path, then through the {@code grantMap}; the principal
 * from {@code principalClaim}; the immutable id and tenant. Shared by both validation profiles.
 */
record ClaimRules(List<String> scopeClaims, GrantMap grantMap, String principalClaim) {

    static ClaimRules of(ServerAuthConfig auth) {
        return new ClaimRules(auth.scopeClaims(), GrantMap.of(auth.grantMap()), auth.principalClaim());
    }

    static ClaimRules plain(List<String> scopeClaims) {
        return new ClaimRules(scopeClaims, GrantMap.NONE, null);
    }

    ValidatedToken read(Map<String, Object> claims, Instant expiresAt, String tenantId) {
        String subjectId = ClaimScopes.subjectId(claims);
        return new ValidatedToken(ClaimScopes.principal(claims, principalClaim, subjectId), ClaimScopes.clientId(claims),
                grantMap.apply(ClaimScopes.scopes(claims, scopeClaims)), expiresAt, ActClaim.chain(claims), subjectId, tenantId);
    }
}
