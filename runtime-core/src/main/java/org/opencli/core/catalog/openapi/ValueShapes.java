package org.opencli.core.catalog.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencli.core.catalog.ValueShape;
import org.opencli.core.catalog.ValueShape.Kind;

/** A parameter's {@link ValueShape}: its schema with refs and compositions followed (bounded depth). */
final class ValueShapes {
    private static final int MAX_DEPTH = 16;

    private final Refs refs;

    ValueShapes(Refs refs) {
        this.refs = refs;
    }

    ValueShape of(JsonNode parameter) {
        if (parameter.has("content") && !parameter.has("schema")) return ValueShape.CONTENT;
        return schema(parameter.get("schema"), 0);
    }

    private ValueShape schema(JsonNode raw, int depth) {
        if (raw == null || depth > MAX_DEPTH) return ValueShape.UNKNOWN;
        JsonNode s;
        try {
            s = refs.resolve(raw, () -> "a parameter schema");
        } catch (RuntimeException unresolved) {
            return ValueShape.UNKNOWN;
        }
        ValueShape stated = ValueShape.stated(s);
        if (stated.kind() != Kind.UNKNOWN || s == null || !s.isObject()) return stated;
        for (String composition : List.of("allOf", "oneOf", "anyOf")) {
            if (s.path(composition).isArray()) return common(s.get(composition), depth + 1);
        }
        return ValueShape.UNKNOWN;
    }

    /** All branches that state a kind must agree on it. */
    private ValueShape common(JsonNode branches, int depth) {
        ValueShape shared = null;
        for (JsonNode branch : branches) {
            ValueShape one = schema(branch, depth);
            if (one.kind() == Kind.UNKNOWN) continue;
            shared = shared == null ? one : shared.and(one);
            if (shared.kind() == Kind.UNKNOWN) return shared;
        }
        return shared == null ? ValueShape.UNKNOWN : shared;
    }
}
