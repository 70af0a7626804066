package org.opencli.core.config;

import java.util.regex.Pattern;

/**
 * Builds the JSON paths used in problem reports ({@code $.sources.tickets.uri}). Keys that are not
 * plain identifiers (e.g. a secret named {@code mcp.apiKey}) use bracket form
 * ({@code $.secrets['mcp.apiKey']}) so a path never becomes ambiguous.
 */
final class JsonPaths {
    static final String ROOT = "$";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private JsonPaths() {
    }

    static String child(String parent, String key) {
        if (PLAIN.matcher(key).matches()) return parent + "." + key;
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** Builds a path from plain segments, e.g. {@code of("sources", id, "uri")}. */
    static String of(String... keys) {
        String path = ROOT;
        for (String key : keys) path = child(path, key);
        return path;
    }
}
