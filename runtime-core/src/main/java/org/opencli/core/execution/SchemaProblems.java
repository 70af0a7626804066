package org.opencli.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import org.opencli.core.error.ProblemItem;
import org.opencli.core.json.ValueLists;

/**
 * Validator messages as located problems: where (a JSON pointer, after a prefix naming the input),
 * what is wrong in words built from the schema and the kind of failure. No message quotes the
 * caller's values; names from the input (a property the schema does not declare) and every text
 * are cut to a bound.
 */
final class SchemaProblems {
    static final int MAX_TEXT = 160;
    private static final int MAX_ENUM_SHOWN = 20;

    private SchemaProblems() {
    }

    /** @param prefix names the input: {@code ""} for the body (pointers as they are), {@code --flag} for a flag */
    static ProblemItem of(String prefix, ValidationMessage m) {
        String pointer = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        String type = m.getType() == null ? "" : m.getType();
        if ((type.equals("required") || type.equals("additionalProperties")) && m.getProperty() != null) {
            pointer = pointer + "/" + m.getProperty().replace("~", "~0").replace("/", "~1");
        }
        String where = bounded(prefix + pointer);
        return new ProblemItem(null, where.isEmpty() ? null : where, message(type, m), null);
    }

    /** {@code /priority: must be one of [...]}; the root of the body is called {@code body}. */
    static String describe(ProblemItem item) {
        return (item.path() == null ? "body" : item.path()) + ": " + item.message();
    }

    private static String message(String type, ValidationMessage m) {
        Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
        return switch (type) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not allowed (the schema declares no such property)";
            case "enum" -> "must be one of " + enumValues(m.getSchemaNode());
            case "type" -> args.length >= 2
                    ? "must be " + article(String.valueOf(args[1])) + ", not " + found(String.valueOf(args[0]))
                    : bounded(m.getError());
            default -> bounded(m.getError());
        };
    }

    private static String enumValues(JsonNode values) {
        if (values == null || !values.isArray()) return "the listed values";
        return bounded("[" + ValueLists.join(values, MAX_ENUM_SHOWN) + "]");
    }

    private static String article(String type) {
        String t = type.replace("[", "").replace("]", "");
        return switch (t) {
            case "integer", "array", "object" -> "an " + t;
            case "null" -> "null";
            default -> t.contains(",") ? "one of " + t : "a " + t;
        };
    }

    private static String found(String type) {
        return type.equals("null") ? "null" : article(type);
    }

    static String bounded(String text) {
        if (text == null) return "";
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
