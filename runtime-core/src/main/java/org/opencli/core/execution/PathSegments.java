package org.opencli.core.execution;

/**
 * One path parameter's single value as it goes into the path ({@code simple}, {@code label} or
 * {@code matrix} style), percent-encoded so it can never add segments. Free of catalog types, so
 * the CLI can show a call's concrete path exactly as it will be sent without loading the engine.
 */
public final class PathSegments {
    private PathSegments() {
    }

    public static String scalar(String style, String originalName, String value) {
        return switch (style == null ? "simple" : style) {
            case "label" -> "." + PercentEncoding.encode(value);
            case "matrix" -> ";" + PercentEncoding.encode(originalName) + "=" + PercentEncoding.encode(value);
            default -> PercentEncoding.encode(value);
        };
    }
}
