package org.opencli.core.auth.client;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.util.Arrays;
import java.util.List;

/**
 * Claims read from a JWT without verifying it: only for display (who, which scopes) and the
 * nonce comparison on an id token we just received over TLS from the token endpoint. Opaque tokens
 * yield nothing.
 */
final class UnverifiedClaims {
    private UnverifiedClaims() {
    }

    static JWTClaimsSet of(String token) {
        if (token == null) return null;
        try {
            return JWTParser.parse(token).getJWTClaimsSet();
        } catch (java.text.ParseException | RuntimeException e) {
            return null;
        }
    }

    static String principal(String accessToken, String idToken) {
        for (String token : new String[] {idToken, accessToken}) {
            JWTClaimsSet claims = of(token);
            if (claims == null) continue;
            for (String name : List.of("preferred_username", "email", "client_id", "azp", "sub")) {
                Object value = claims.getClaim(name);
                if (value instanceof String s && !s.isBlank()) return s;
            }
        }
        return null;
    }

    static List<String> scopes(String accessToken) {
        JWTClaimsSet claims = of(accessToken);
        if (claims == null) return List.of();
        Object scope = claims.getClaim("scope");
        if (scope instanceof String s && !s.isBlank()) return Arrays.asList(s.trim().split("\\s+"));
        Object scp = claims.getClaim("scp");
        if (scp instanceof List<?> list) return list.stream().map(String::valueOf).toList();
        return List.of();
    }
}
