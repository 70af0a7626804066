package org.opencli.service.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.List;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.ProblemItem;
import org.opencli.core.json.ParseErrors;

/**
 * Request bodies, read strictly: exactly the JSON types the DTO declares (no {@code "true"} for
 * true, no {@code 1} for true, no number for a string), no unknown members, no duplicate keys, no
 * trailing data or a second JSON value, bounded depth and number length. An explicit {@code null}
 * is the same as leaving the member out. A body that fails is a 400 problem naming the JSON path and the expected type — never
 * quoting the body.
 */
final class RequestJson {
    /** Request bodies nest little; {@code body} and {@code flags} values pass through up to this depth. */
    static final int MAX_DEPTH = 64;
    /** Digits in one number: a 1e300-digit number is not a value anyone sends. */
    static final int MAX_NUMBER_LENGTH = 100;

    private static final JsonMapper MAPPER = strictMapper();

    private RequestJson() {
    }

    /** The body as {@code type}, or a 400 {@code invalid_request} problem. An empty body is refused too. */
    static <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) throw invalid("the body is empty", null, "a JSON object");
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || tree.isMissingNode() || tree.isNull()) throw invalid("the body is null", null, "a JSON object");
            String outOfRange = firstNonFinite(tree, "$");
            if (outOfRange != null) throw invalid("a number is out of range", outOfRange, "a finite number");
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            ParseErrors.Described d = ParseErrors.describe(e, "JSON");
            throw invalid(d.message(), d.path(), expected(d.kind()));
        } catch (IOException e) {
            throw invalid("the body could not be read", null, "a JSON object");
        }
    }

    /** A number like 1e999999 parses to infinity, which no JSON writer can send on: refused with its path. */
    private static String firstNonFinite(JsonNode node, String path) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) return path;
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = firstNonFinite(node.get(i), path + "[" + i + "]");
                if (found != null) return found;
            }
        } else if (node.isObject()) {
            for (var it = node.fields(); it.hasNext();) {
                var field = it.next();
                String found = firstNonFinite(field.getValue(), path + "['" + field.getKey() + "']");
                if (found != null) return found;
            }
        }
        return null;
    }

    private static String expected(ParseErrors.Kind kind) {
        return switch (kind) {
            case TOO_DEEP -> "at most " + MAX_DEPTH + " levels of nesting";
            case TOO_COMPLEX, TOO_LARGE -> "numbers of at most " + MAX_NUMBER_LENGTH + " digits";
            default -> "a JSON object with exactly the documented members and types";
        };
    }

    static OcliException invalid(String message, String path, String expected) {
        String detail = path == null ? message : path + ": " + message;
        return new OcliException(ErrorKind.BAD_REQUEST, "invalid_request", "Invalid request", detail,
                List.of(new ProblemItem(null, path, message, expected)));
    }

    private static JsonMapper strictMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        // No scalar shape becomes another type: "true" is not true, 1 is not true, 5 is not "5", "" is
        // not an empty object. (ALLOW_COERCION_OF_SCALARS covers most; these make it complete.)
        for (LogicalType target : LogicalType.values()) {
            for (CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.EmptyString,
                    CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
                if (!isNative(shape, target)) mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
            }
        }
        return mapper;
    }

    /** A string is a string, a number a number (an integer may fill a decimal), a boolean a boolean. */
    private static boolean isNative(CoercionInputShape shape, LogicalType target) {
        return switch (shape) {
            case String, EmptyString -> target == LogicalType.Textual || target == LogicalType.Enum;
            case Integer -> target == LogicalType.Integer || target == LogicalType.Float;
            case Float -> target == LogicalType.Float;
            case Boolean -> target == LogicalType.Boolean;
            default -> false;
        };
    }
}
