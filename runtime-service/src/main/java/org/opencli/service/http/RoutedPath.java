package org.opencli.service.http;

/**
 * A request path as Quarkus REST matches it to a resource: matrix parameters ({@code ;…} inside a
 * segment) are dropped there, so every security decision by path must drop them too — else
 * {@code /v1/audit;x=y/events} would reach the audit resource while a prefix check saw another path.
 */
public final class RoutedPath {
    private RoutedPath() {
    }

    /** {@code normalizedPath} without matrix parameters; null stays null. */
    public static String of(String normalizedPath) {
        if (normalizedPath == null || normalizedPath.indexOf(';') < 0) return normalizedPath;
        return normalizedPath.replaceAll(";[^/]*", "");
    }
}
