package org.opencli.cli.dynamic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.json.Json;

/**
 * Turns the strings given for a flag into the JSON value its schema asks for, before anything is
 * sent: integer, number, boolean, enum, array (flag repeated and/or comma-separated; items that are
 * objects are one JSON value per occurrence), object (JSON). Anything else stays a string. A bad
 * value is a usage error naming the flag, the value and what was expected.
 */
final class FlagValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FlagValues() {
    }

    static JsonNode convert(String option, FlagSchema schema, List<String> values) {
        if (schema.isArray()) {
            FlagSchema item = schema.itemSchema();
            ArrayNode array = NODES.arrayNode();
            for (String value : values) {
                for (String part : split(item, value)) array.add(scalar(option, item, part));
            }
            return array;
        }
        return scalar(option, schema, values.get(values.size() - 1));
    }

    private static List<String> split(FlagSchema item, String value) {
        if ("object".equals(item.type()) || "array".equals(item.type())) return List.of(value);
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",", -1)) parts.add(part.strip());
        return parts;
    }

    private static JsonNode scalar(String option, FlagSchema schema, String value) {
        JsonNode node = switch (schema.type()) {
            case "integer" -> integer(option, value);
            case "number" -> number(option, value);
            case "boolean" -> bool(option, value);
            case "object", "array" -> json(option, schema.type(), value);
            default -> NODES.textNode(value);
        };
        checkEnum(option, schema, value, node);
        return node;
    }

    private static JsonNode integer(String option, String value) {
        if (!value.matches("[+-]?\\d+")) throw invalid(option, value, "an integer");
        return NODES.numberNode(new BigInteger(value));
    }

    private static JsonNode number(String option, String value) {
        try {
            if (!value.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) throw new NumberFormatException();
            return NODES.numberNode(new BigDecimal(value));
        } catch (NumberFormatException e) {
            throw invalid(option, value, "a number");
        }
    }

    private static JsonNode bool(String option, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> NODES.booleanNode(true);
            case "false" -> NODES.booleanNode(false);
            default -> throw invalid(option, value, "true or false");
        };
    }

    private static JsonNode json(String option, String type, String value) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw invalid(option, value, "a JSON " + type + "; " + JsonErrors.describe(e));
        }
        boolean ok = "object".equals(type) ? node != null && node.isObject() : node != null && node.isArray();
        if (!ok) throw invalid(option, value, "a JSON " + type);
        return node;
    }

    private static void checkEnum(String option, FlagSchema schema, String raw, JsonNode node) {
        if (schema.enumValues() == null) return;
        for (JsonNode allowed : schema.enumValues()) {
            if (allowed.equals(node) || (allowed.isValueNode() && allowed.asText().equals(raw))) return;
        }
        List<String> names = new ArrayList<>();
        schema.enumValues().forEach(v -> names.add(v.asText()));
        throw invalid(option, raw, "one of: " + String.join(", ", names));
    }

    static CliException invalid(String option, String value, String expected) {
        return new CliException(ExitCodes.USAGE, "invalid_flag_value", "Invalid value for " + option,
                "'" + value + "' is not valid (expected " + expected + ")");
    }
}
