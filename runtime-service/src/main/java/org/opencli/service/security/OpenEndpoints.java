package org.opencli.service.security;

import org.opencli.service.auth.ProtectedResourceMetadata;
import org.opencli.service.http.RoutedPath;

/**
 * The endpoints that answer without credentials: {@code GET /v1/runtime/info},
 * {@code GET /v1/auth/browser-config}, {@code GET /.well-known/oauth-protected-resource} and its
 * {@code /mcp} form (public metadata, no catalog data) and {@code /q/health/**}.
 * There a valid token or owner key still adds the caller; an unusable one is ignored.
 */
final class OpenEndpoints {
    private OpenEndpoints() {
    }

    static boolean isOpen(String method, String normalizedPath) {
        String path = RoutedPath.of(normalizedPath);
        if (path == null) return false;
        if (path.equals("/q/health") || path.startsWith("/q/health/")) return true;
        boolean get = "GET".equals(method) || "HEAD".equals(method);
        return get && (path.equals("/v1/runtime/info") || path.equals("/v1/auth/browser-config")
                || path.equals(ProtectedResourceMetadata.PATH) || path.equals(ProtectedResourceMetadata.PATH + "/mcp"));
    }
}
