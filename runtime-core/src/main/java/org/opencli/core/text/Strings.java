package org.opencli.core.text;

import com.fasterxml.jackson.databind.JsonNode;

/** Optional text as every module reads it: blank (null, empty or only white space) means absent. */
public final class Strings {
    private Strings() {
    }

    /** {@code s} as it is, or null when it is blank. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** {@code s} without surrounding white space, or null when nothing is left. */
    public static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A JSON string's text, or null when {@code node} is not a string (missing, null, a number, ...) or blank. */
    public static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? blankToNull(node.asText()) : null;
    }
}
