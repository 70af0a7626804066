package org.opencli.core.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencli.core.text.Strings;

/**
 * Reads grants and identity from a token's claims (a JWT payload or an introspection response):
 * scopes from {@code scope} (space separated) and {@code scp} (string or array), plus every
 * configured claim path (e.g. {@code realm_access.roles}, {@code groups}) whose string or array
 * values count as grants too. {@link GrantMap} then maps IdP names to runtime grants.
 */
final class ClaimScopes {
    private ClaimScopes() {
    }

    static Set<String> scopes(Map<String, Object> claims, List<String> scopeClaims) {
        Set<String> out = new LinkedHashSet<>();
        addValues(claims.get("scope"), out);
        addValues(claims.get("scp"), out);
        if (scopeClaims != null) {
            for (String path : scopeClaims) addValues(at(claims, path), out);
        }
        return Set.copyOf(out);
    }

    /**
     * The configured {@code principalClaim}'s value, else (when it is not configured) {@code preferred_username};
     * a token without it is named by its immutable id, then by {@code username} (RFC 7662 responses).
     */
    static String principal(Map<String, Object> claims, String principalClaim, String subjectId) {
        String name = string(claims.get(principalClaim != null ? principalClaim : "preferred_username"));
        if (name == null) name = subjectId;
        if (name == null) name = string(claims.get("username"));
        return name;
    }

    /** The immutable id: Entra's {@code oid} (stable across applications), else {@code sub}. */
    static String subjectId(Map<String, Object> claims) {
        String oid = string(claims.get("oid"));
        return oid != null ? oid : string(claims.get("sub"));
    }

    static String clientId(Map<String, Object> claims) {
        String azp = string(claims.get("azp"));
        return azp != null ? azp : string(claims.get("client_id"));
    }

    /** {@code aud} as a string or an array of strings; anything else matches nothing. */
    static boolean audienceContains(Object aud, String audience) {
        if (aud instanceof String s) return s.equals(audience);
        if (aud instanceof Collection<?> c) return c.stream().anyMatch(audience::equals);
        return false;
    }

    private static Object at(Map<String, Object> claims, String path) {
        Object node = claims;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) return null;
            node = map.get(part);
        }
        return node;
    }

    private static void addValues(Object value, Set<String> out) {
        if (value instanceof String s) {
            for (String part : s.trim().split("\\s+")) if (!part.isEmpty()) out.add(part);
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) if (o instanceof String s && !s.isBlank()) out.add(s.trim());
        }
    }

    private static String string(Object o) {
        return o instanceof String s ? Strings.blankToNull(s) : null;
    }
}
