package org.opencli.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import org.opencli.core.catalog.ToolParameter;
import org.opencli.core.catalog.ValueShape;

/**
 * Admits a flag's value only in the shape its declared schema gives, before any serialization: an
 * array or object for a scalar parameter is refused, and an object's keys — which exploded styles
 * turn into query or cookie names — only for an object parameter, and only names it declares. So a
 * value can never add a name the description does not have. Without a stated type, arrays are
 * admitted (they repeat only the parameter's own name), objects are not.
 */
final class ParameterShapes {
    private ParameterShapes() {
    }

    /** The value to serialize: as given, or for a {@code content} parameter its JSON text. */
    static JsonNode admitted(ToolParameter p, JsonNode value) {
        ValueShape shape = p.shape() != null ? p.shape() : ValueShape.stated(p.schema());
        if (shape.kind() == ValueShape.Kind.CONTENT) {
            return value.isTextual() ? value : TextNode.valueOf(value.toString());
        }
        if (value.isValueNode()) return value;
        String flag = "flag '--" + p.name() + "'";
        if (value.isArray()) {
            if (shape.kind() == ValueShape.Kind.SCALAR || shape.kind() == ValueShape.Kind.OBJECT) {
                throw InvalidArguments.of(flag + " takes " + expected(shape) + ", not an array");
            }
            return value;
        }
        if (shape.kind() != ValueShape.Kind.OBJECT) {
            throw InvalidArguments.of(flag + " takes " + expected(shape) + ", not an object"
                    + " (only a parameter declared as an object is serialized by its keys)");
        }
        for (Iterator<String> keys = value.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!shape.allowsKey(key)) {
                throw InvalidArguments.of(flag + " has no property '" + key + "'; its schema declares "
                        + String.join(", ", shape.properties().stream().sorted().toList()));
            }
            if (p.location().equals("cookie") && !HeaderValues.validName(key)) {
                throw InvalidArguments.of(flag + ": property names must be tokens to be cookie names");
            }
        }
        return value;
    }

    private static String expected(ValueShape shape) {
        return switch (shape.kind()) {
            case SCALAR -> "a single value (its schema is a string, number, integer or boolean)";
            case OBJECT -> "an object (its schema is an object)";
            case ARRAY -> "an array or a single value";
            default -> "a single value or an array (its schema states no type)";
        };
    }
}
