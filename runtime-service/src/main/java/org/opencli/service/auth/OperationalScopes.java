package org.opencli.service.auth;

import org.opencli.core.config.RuntimeGrants;
import org.opencli.service.http.RoutedPath;

/**
 * Scopes for the runtime's own operations, by path prefix so endpoints added later under these
 * paths are covered: {@code audit:read} for {@code /v1/audit/**}, {@code runtime:refresh} for
 * {@code /v1/refresh}, {@code runtime:metrics} for {@code /q/metrics}, {@code runtime:admin} for {@code /v1/runtime/stop}, {@code /v1/runtime/heartbeat} and
 * {@code /v1/runtime/session-close}.
 */
public final class OperationalScopes {
    // the names are the engine's, so a grantMap target the config accepts is a scope checked here
    public static final String AUDIT_READ = RuntimeGrants.AUDIT_READ;
    public static final String RUNTIME_REFRESH = RuntimeGrants.RUNTIME_REFRESH;
    public static final String RUNTIME_ADMIN = RuntimeGrants.RUNTIME_ADMIN;
    public static final String RUNTIME_METRICS = RuntimeGrants.RUNTIME_METRICS;

    private OperationalScopes() {
    }

    /** The scope {@code normalizedPath} needs on top of a valid token, or null when none. */
    public static String required(String normalizedPath) {
        String path = RoutedPath.of(normalizedPath);
        if (path == null) return null;
        if (under(path, "/v1/audit")) return AUDIT_READ;
        if (under(path, "/v1/refresh")) return RUNTIME_REFRESH;
        if (under(path, "/q/metrics")) return RUNTIME_METRICS;
        if (under(path, "/v1/runtime/stop") || under(path, "/v1/runtime/heartbeat")
                || under(path, "/v1/runtime/session-close")) {
            return RUNTIME_ADMIN;
        }
        return null;
    }

    /** {@code prefix} itself or below it; without building {@code prefix + "/"}: this runs on every request. */
    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
