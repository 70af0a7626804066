package org.opencli.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the JSON parser wanted where a config stopped being well-formed ({@code ',' or '}'}), in
 * words. Read from the kind of Jackson's message only — the phrases Jackson writes, never the
 * characters it quotes from the input, which are the file's bytes.
 */
final class SyntaxExpectation {
    private static final Pattern CLOSE_MARKER = Pattern.compile("expected '([\\]}])'");

    private SyntaxExpectation() {
    }

    /** The expectation, or {@code fallback} when the message is of no known kind. */
    static String of(JsonProcessingException e, String fallback) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Trailing token")) return "nothing after the top-level object";
        if (m.contains("comma to separate Object entries")) return "',' or '}'";
        if (m.contains("comma to separate Array entries")) return "',' or ']'";
        if (m.contains("double-quote to start field name")) return "a key in double quotes (no comma before '}')";
        if (m.contains("colon to separate field name and value")) return "':' after the key";
        if (m.contains("Duplicate field")) return "each key once per object";
        if (m.contains("ALLOW_COMMENTS")) return "no comments (JSON has none)";
        if (m.contains("ALLOW_SINGLE_QUOTES") || m.contains("code 39")) return "strings in double quotes";
        if (m.contains("has to be escaped")) return "control characters escaped in strings (\\n, \\t)";
        if (m.startsWith("Unrecognized token") || m.contains("expected a value") || m.contains("expected a valid value")) {
            return "a JSON value: a string in double quotes, a number, an object, an array, true, false or null";
        }
        if (m.contains("end-of-input")) {
            if (m.contains("for Object")) return "'}' closing an object";
            if (m.contains("for Array")) return "']' closing an array";
            if (m.contains("String value") || m.contains("field name")) return "'\"' closing a string";
            return "the rest of the document";
        }
        if (m.startsWith("Unexpected close marker")) {
            Matcher close = CLOSE_MARKER.matcher(m);
            return close.find() ? "'" + close.group(1) + "'" : "matching brackets";
        }
        return fallback;
    }
}
