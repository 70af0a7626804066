package org.opencli.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.core.catalog.ToolParameter;

/**
 * OpenAPI parameter serialization ({@code style}/{@code explode}) for query, header, cookie and
 * path values. Defaults per location: query/cookie {@code form} + explode, header/path
 * {@code simple} without explode.
 */
final class ParameterStyles {
    private ParameterStyles() {
    }

    /** Percent-encoded {@code name=value} pairs for the query string. */
    static List<String[]> query(ToolParameter p, JsonNode given) {
        JsonNode value = ParameterShapes.admitted(p, given);
        String style = p.style() == null ? "form" : p.style();
        boolean explode = p.explode() == null ? style.equals("form") : p.explode();
        String name = p.originalName();
        List<String[]> out = new ArrayList<>();
        if (value.isArray()) {
            List<String> items = scalars(value);
            if (explode && !style.equals("deepObject")) {
                for (String item : items) out.add(pair(name, item));
            } else {
                String delimiter = switch (style) {
                    case "spaceDelimited" -> "%20";
                    case "pipeDelimited" -> "%7C";
                    default -> ",";
                };
                out.add(new String[] {PercentEncoding.encode(name), joinEncoded(items, delimiter)});
            }
        } else if (value.isObject()) {
            if (style.equals("deepObject")) {
                value.fields().forEachRemaining(e -> out.add(new String[] {
                        PercentEncoding.encode(name + "[" + e.getKey() + "]"), PercentEncoding.encode(scalar(e.getValue()))}));
            } else if (explode) {
                value.fields().forEachRemaining(e -> out.add(pair(e.getKey(), scalar(e.getValue()))));
            } else {
                out.add(new String[] {PercentEncoding.encode(name), joinEncoded(flatten(value), ",")});
            }
        } else {
            out.add(pair(name, scalar(value)));
        }
        return out;
    }

    /** A header value: simple style (arrays and objects comma-separated). */
    static String header(ToolParameter p, JsonNode given) {
        JsonNode value = ParameterShapes.admitted(p, given);
        boolean explode = Boolean.TRUE.equals(p.explode());
        if (value.isArray()) return String.join(",", scalars(value));
        if (value.isObject()) return objectSimple(value, explode);
        return scalar(value);
    }

    /** Cookie {@code name=value} pairs: form style; exploded arrays repeat the name. */
    static List<String[]> cookie(ToolParameter p, JsonNode given) {
        JsonNode value = ParameterShapes.admitted(p, given);
        boolean explode = p.explode() == null || p.explode();
        String name = p.originalName();
        List<String[]> out = new ArrayList<>();
        if (value.isArray()) {
            if (explode) {
                for (String item : scalars(value)) out.add(new String[] {name, PercentEncoding.encode(item)});
            } else {
                out.add(new String[] {name, joinEncoded(scalars(value), ",")});
            }
        } else if (value.isObject()) {
            if (explode) {
                value.fields().forEachRemaining(e -> out.add(new String[] {e.getKey(), PercentEncoding.encode(scalar(e.getValue()))}));
            } else {
                out.add(new String[] {name, joinEncoded(flatten(value), ",")});
            }
        } else {
            out.add(new String[] {name, PercentEncoding.encode(scalar(value))});
        }
        return out;
    }

    /**
     * A path segment: each value percent-encoded so it can never add segments ({@code ../admin}
     * becomes {@code ..%2Fadmin}); styles simple, label ({@code .v}) and matrix ({@code ;name=v}).
     */
    static String path(ToolParameter p, JsonNode value) {
        if (value.isValueNode()) return PathSegments.scalar(p.style(), p.originalName(), scalar(value));
        String style = p.style() == null ? "simple" : p.style();
        boolean explode = Boolean.TRUE.equals(p.explode());
        String name = p.originalName();
        List<String> items;
        if (value.isArray()) {
            items = scalars(value);
        } else if (value.isObject()) {
            items = explode ? keyEqualsValue(value) : flatten(value);
        } else {
            items = List.of(scalar(value));
        }
        return switch (style) {
            case "label" -> "." + joinEncoded(items, explode ? "." : ",");
            case "matrix" -> {
                if (explode && value.isArray()) {
                    StringBuilder sb = new StringBuilder();
                    for (String item : items) sb.append(';').append(PercentEncoding.encode(name)).append('=').append(PercentEncoding.encode(item));
                    yield sb.toString();
                }
                yield ";" + PercentEncoding.encode(name) + "=" + joinEncoded(items, ",");
            }
            default -> value.isObject() && explode ? joinEncodedPairs(value) : joinEncoded(items, ",");
        };
    }

    static String scalar(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static String[] pair(String name, String value) {
        return new String[] {PercentEncoding.encode(name), PercentEncoding.encode(value)};
    }

    private static List<String> scalars(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) out.add(scalar(item));
        return out;
    }

    private static List<String> flatten(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fields().forEachRemaining(e -> {
            out.add(e.getKey());
            out.add(scalar(e.getValue()));
        });
        return out;
    }

    private static List<String> keyEqualsValue(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fields().forEachRemaining(e -> out.add(e.getKey() + "=" + scalar(e.getValue())));
        return out;
    }

    private static String objectSimple(JsonNode object, boolean explode) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) object::fields) {
            parts.add(explode ? e.getKey() + "=" + scalar(e.getValue()) : e.getKey() + "," + scalar(e.getValue()));
        }
        return String.join(",", parts);
    }

    private static String joinEncoded(List<String> items, String delimiter) {
        List<String> encoded = new ArrayList<>();
        for (String item : items) encoded.add(PercentEncoding.encode(item));
        return String.join(delimiter, encoded);
    }

    private static String joinEncodedPairs(JsonNode object) {
        List<String> parts = new ArrayList<>();
        object.fields().forEachRemaining(e -> parts.add(PercentEncoding.encode(e.getKey()) + "=" + PercentEncoding.encode(scalar(e.getValue()))));
        return String.join(",", parts);
    }
}
