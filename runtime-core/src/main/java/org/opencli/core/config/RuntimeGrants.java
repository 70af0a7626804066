package org.opencli.core.config;

import java.util.List;
import java.util.Set;

/**
 * The grants the runtime understands: {@code bundle:<serviceId>}, {@code profile:<name>},
 * {@code tool:<toolId>} (the authorization envelope, {@code core.auth.AuthorizationEnvelope}) and the
 * operational scopes {@code audit:read}, {@code runtime:refresh}, {@code runtime:admin},
 * {@code runtime:metrics}. A {@code grantMap} target must be one of these. Kept here, not in
 * {@code core.auth}, because config validation needs it and {@code core.auth} depends on {@code core.config}.
 */
public final class RuntimeGrants {
    public static final List<String> PREFIXES = List.of("bundle:", "profile:", "tool:");
    public static final String AUDIT_READ = "audit:read";
    public static final String RUNTIME_REFRESH = "runtime:refresh";
    public static final String RUNTIME_ADMIN = "runtime:admin";
    public static final String RUNTIME_METRICS = "runtime:metrics";
    /** The operational scopes; which path needs which is the service's {@code service.auth.OperationalScopes}. */
    public static final Set<String> OPERATIONAL = Set.of(AUDIT_READ, RUNTIME_REFRESH, RUNTIME_ADMIN, RUNTIME_METRICS);
    /** A grant is a scope token: no whitespace, bounded. */
    public static final int MAX_LENGTH = 512;

    private RuntimeGrants() {
    }

    public static boolean isGrant(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH || s.chars().anyMatch(c -> c <= ' ')) return false;
        if (OPERATIONAL.contains(s)) return true;
        for (String prefix : PREFIXES) {
            if (s.startsWith(prefix) && s.length() > prefix.length()) return true;
        }
        return false;
    }
}
