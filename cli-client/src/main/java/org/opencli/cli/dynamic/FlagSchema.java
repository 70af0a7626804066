package org.opencli.cli.dynamic;

import com.fasterxml.jackson.databind.JsonNode;

/** The parts of a parameter's JSON Schema the CLI types flag values by. */
record FlagSchema(String type, JsonNode enumValues, FlagSchema items) {

    static FlagSchema of(JsonNode schema) {
        if (schema == null || !schema.isObject()) return new FlagSchema("string", null, null);
        JsonNode enums = schema.path("enum").isArray() && !schema.path("enum").isEmpty() ? schema.get("enum") : null;
        FlagSchema items = schema.has("items") ? of(schema.get("items")) : null;
        return new FlagSchema(typeOf(schema.path("type")), enums, items);
    }

    /** {@code "integer"}, or the first non-null of {@code ["integer", "null"]} (OpenAPI 3.1); default string. */
    private static String typeOf(JsonNode type) {
        if (type.isTextual()) return type.asText();
        if (type.isArray()) {
            for (JsonNode t : type) if (!"null".equals(t.asText())) return t.asText();
        }
        return "string";
    }

    boolean isArray() {
        return "array".equals(type);
    }

    FlagSchema itemSchema() {
        return items != null ? items : new FlagSchema("string", null, null);
    }
}
