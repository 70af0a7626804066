package org.opencli.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What JSON value a parameter's declared schema admits, with {@code $ref}s and
 * {@code allOf}/{@code oneOf}/{@code anyOf} followed: what request rendering serializes by. An
 * {@code OBJECT}'s {@code properties} are the names its keys may take (null: any name — the schema
 * lists none, or allows additional properties explicitly). {@code CONTENT} is a parameter described
 * by {@code content} rather than {@code schema}: its value is sent as one JSON text.
 */
public record ValueShape(Kind kind, Set<String> properties) {
    public enum Kind { SCALAR, ARRAY, OBJECT, CONTENT, UNKNOWN }

    public static final ValueShape UNKNOWN = new ValueShape(Kind.UNKNOWN, null);
    public static final ValueShape SCALAR = new ValueShape(Kind.SCALAR, null);
    public static final ValueShape ARRAY = new ValueShape(Kind.ARRAY, null);
    public static final ValueShape CONTENT = new ValueShape(Kind.CONTENT, null);

    private static final Set<String> SCALARS = Set.of("string", "number", "integer", "boolean");

    public boolean allowsKey(String key) {
        return properties == null || properties.contains(key);
    }

    /**
     * The shape one schema object states itself ({@code type: x}, OpenAPI 3.1's {@code [x, "null"]},
     * {@code properties}, {@code items}); UNKNOWN when it states none or several kinds. No refs followed.
     */
    public static ValueShape stated(JsonNode s) {
        if (s == null || !s.isObject()) return UNKNOWN;
        List<String> types = new ArrayList<>();
        JsonNode type = s.get("type");
        if (type != null && type.isTextual()) types.add(type.asText());
        if (type != null && type.isArray()) type.forEach(t -> {
            if (!"null".equals(t.asText())) types.add(t.asText());
        });
        if (types.isEmpty()) {
            if (s.has("properties") || s.has("additionalProperties")) return object(s);
            return s.has("items") ? ARRAY : UNKNOWN;
        }
        if (SCALARS.containsAll(types)) return SCALAR;
        if (types.size() > 1) return UNKNOWN;
        return switch (types.get(0)) {
            case "array" -> ARRAY;
            case "object" -> object(s);
            default -> UNKNOWN;
        };
    }

    /** Declared property names bound the keys unless {@code additionalProperties} allows more explicitly. */
    private static ValueShape object(JsonNode s) {
        JsonNode extra = s.get("additionalProperties");
        boolean open = extra != null && (extra.isObject() || extra.asBoolean(false));
        if (!s.path("properties").isObject() || open) return new ValueShape(Kind.OBJECT, null);
        Set<String> names = new LinkedHashSet<>();
        s.get("properties").fieldNames().forEachRemaining(names::add);
        return new ValueShape(Kind.OBJECT, Set.copyOf(names));
    }

    /** Two shapes of one composition: the same kind (objects: the union of their names), else UNKNOWN. */
    public ValueShape and(ValueShape other) {
        if (kind != other.kind) return UNKNOWN;
        if (kind != Kind.OBJECT) return this;
        if (properties == null || other.properties == null) return new ValueShape(Kind.OBJECT, null);
        Set<String> names = new LinkedHashSet<>(properties);
        names.addAll(other.properties);
        return new ValueShape(Kind.OBJECT, Set.copyOf(names));
    }
}
