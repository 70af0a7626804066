package org.opencli.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Locale;

/**
 * What went wrong in a JSON or YAML parse, said without the parsed bytes. Jackson's and SnakeYAML's
 * own messages quote the offending token or line; a file the caller could not otherwise read must
 * not be echoed through an error, so every message here is built from the location and the kind of
 * failure only. JSON paths name members of the parsed input, never its values.
 */
public final class ParseErrors {
    /** Why a parse stopped: a limit was hit (and which), or the text is not well-formed. */
    public enum Kind { TOO_LARGE, TOO_DEEP, TOO_COMPLEX, SYNTAX, WRONG_SHAPE }

    /** A safe description: the kind, a message without input bytes, and where (line/column, JSON path). */
    public record Described(Kind kind, String message, String path) {
    }

    private ParseErrors() {
    }

    public static Described describe(JsonProcessingException e, String format) {
        String at = where(e.getLocation());
        StreamConstraintsException limit = constraintIn(e);
        if (limit != null) return constraint(limit.getMessage(), at);
        if (isYamlLimit(e)) return yamlLimit(e, at);
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Trailing token")) {
            return new Described(Kind.SYNTAX, "trailing data after the " + format + " value" + at, null);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new Described(Kind.WRONG_SHAPE, "unknown member" + at, path(u));
        }
        if (e instanceof InvalidTypeIdException t) {
            return new Described(Kind.WRONG_SHAPE, "unexpected type" + at, path(t));
        }
        if (e instanceof MismatchedInputException m) {
            String expected = m.getTargetType() == null ? "another JSON type" : expectedOf(m.getTargetType());
            return new Described(Kind.WRONG_SHAPE, "wrong JSON type" + at + " (expected " + expected + ")", path(m));
        }
        if (e instanceof JsonMappingException m && m.getPath() != null && !m.getPath().isEmpty()) {
            return new Described(Kind.WRONG_SHAPE, "value cannot be used" + at, path(m));
        }
        if (e instanceof JsonEOFException) {
            return new Described(Kind.SYNTAX, "not well-formed " + format + at + ": unexpected end of input", null);
        }
        if (original.startsWith("Duplicate field")) {
            return new Described(Kind.SYNTAX, "a key appears twice in one object" + at, null);
        }
        return new Described(Kind.SYNTAX, "not well-formed " + format + at, null);
    }

    /** Data binding wraps a parser limit in a mapping exception; the limit is what to report. */
    private static StreamConstraintsException constraintIn(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof StreamConstraintsException s) return s;
        }
        return null;
    }

    /** {@code at line L, column C}, or empty when the parser does not know. */
    public static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) return "";
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static Described constraint(String message, String at) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("nesting depth")) return new Described(Kind.TOO_DEEP, "nested too deeply" + at, null);
        if (m.contains("document length")) return new Described(Kind.TOO_LARGE, "larger than the size limit" + at, null);
        if (m.contains("number value length")) return new Described(Kind.TOO_COMPLEX, "a number is too long" + at, null);
        if (m.contains("string value length")) return new Described(Kind.TOO_COMPLEX, "a string is too long" + at, null);
        if (m.contains("name length")) return new Described(Kind.TOO_COMPLEX, "a member name is too long" + at, null);
        if (m.contains("token count")) return new Described(Kind.TOO_COMPLEX, "too many tokens" + at, null);
        return new Described(Kind.TOO_COMPLEX, "exceeds a parser limit" + at, null);
    }

    /** SnakeYAML reports its LoaderOptions limits as plain parse errors; their messages carry numbers only. */
    private static boolean isYamlLimit(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        return m.contains("exceeds the limit") || m.contains("Number of aliases") || m.contains("Nesting Depth exceeded");
    }

    private static Described yamlLimit(JsonProcessingException e, String at) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("Number of aliases")) return new Described(Kind.TOO_COMPLEX, "too many aliases" + at, null);
        if (m.contains("Nesting Depth")) return new Described(Kind.TOO_DEEP, "nested too deeply" + at, null);
        return new Described(Kind.TOO_LARGE, "larger than the size limit" + at, null);
    }

    /** {@code $.a.b[0]} from the mapping exception's reference chain (member names of the input). */
    public static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                String name = ref.getFieldName();
                if (name.matches("[A-Za-z_][A-Za-z0-9_-]{0,63}")) sb.append('.').append(name);
                else sb.append("['").append(truncate(name).replace("'", "\\'")).append("']");
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String truncate(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    private static String expectedOf(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class) return "a string";
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "an integer";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
        return "an object";
    }
}
