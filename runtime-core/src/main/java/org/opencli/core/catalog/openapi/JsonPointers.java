package org.opencli.core.catalog.openapi;

import java.util.List;

/** RFC 6901 JSON pointers: building from segments (with ~0/~1 escapes) and a readable JSONPath form for errors. */
public final class JsonPointers {
    private JsonPointers() {
    }

    public static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /** Segments (String keys, Integer indexes) → {@code /a/b~1c/0}; empty list → {@code ""} (the whole document). */
    public static String pointer(List<Object> segments) {
        StringBuilder sb = new StringBuilder();
        for (Object s : segments) sb.append('/').append(s instanceof Integer ? s.toString() : escape((String) s));
        return sb.toString();
    }

    /** Segments → {@code $.paths['/x'].get.parameters[0]}, the form problem items use. */
    public static String jsonPath(List<Object> segments) {
        StringBuilder sb = new StringBuilder("$");
        for (Object s : segments) {
            if (s instanceof Integer) {
                sb.append('[').append(s).append(']');
            } else if (((String) s).matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                sb.append('.').append(s);
            } else {
                sb.append("['").append(((String) s).replace("'", "\\'")).append("']");
            }
        }
        return sb.toString();
    }
}
