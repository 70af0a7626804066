package org.opencli.core.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One located problem inside a larger failure: which file, which JSON path (or other location),
 * what is wrong and what was expected there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemItem(String file, String path, String message, String expected) {

    /** Human form: {@code file: $.path: message (expected: ...)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(file).append(": ");
        if (path != null) sb.append(path).append(": ");
        sb.append(message);
        if (expected != null) sb.append(" (expected: ").append(expected).append(')');
        return sb.toString();
    }
}
