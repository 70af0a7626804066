package org.opencli.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Arazzo runtime expressions workflows use here: {@code $inputs.x}, {@code $steps.s.outputs.n}
 * (both may continue with {@code .field} or a {@code #/json/pointer}), {@code $statusCode},
 * {@code $response.body} and {@code $response.body#/pointer}. A string that is one expression
 * becomes the value it names (keeping its JSON type); {@code {$...}} inside a longer string is
 * replaced by the value's text.
 */
public final class RuntimeExpressions {
    private static final Pattern EMBEDDED = Pattern.compile("\\{(\\$[^{}]+)}");

    private RuntimeExpressions() {
    }

    /** Resolves every expression inside {@code value} (strings, arrays and objects, recursively). */
    public static JsonNode resolveAll(JsonNode value, ExpressionContext ctx) {
        if (value == null) return null;
        if (value.isTextual()) return resolveText(value.asText(), ctx);
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> out.add(resolveAll(v, ctx)));
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(e -> out.set(e.getKey(), resolveAll(e.getValue(), ctx)));
            return out;
        }
        return value;
    }

    private static JsonNode resolveText(String text, ExpressionContext ctx) {
        String trimmed = text.trim();
        if (isExpression(trimmed)) return resolve(trimmed, ctx);
        Matcher m = EMBEDDED.matcher(text);
        if (!m.find()) return TextNode.valueOf(text);
        StringBuilder out = new StringBuilder();
        m.reset();
        while (m.find()) {
            JsonNode v = resolve(m.group(1), ctx);
            m.appendReplacement(out, Matcher.quoteReplacement(v.isValueNode() ? v.asText() : v.toString()));
        }
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    /** Only the roots we know count as expressions, so a literal like "$5" stays a string. */
    private static boolean isExpression(String s) {
        return !s.contains(" ") && (s.startsWith("$inputs.") || s.startsWith("$steps.") || s.equals("$statusCode")
                || s.startsWith("$response.body"));
    }

    /** One whole expression → its value; {@link UnresolvedExpression} when it names nothing. */
    public static JsonNode resolve(String expression, ExpressionContext ctx) {
        String[] split = expression.split("#", 2);
        String head = split[0];
        String pointer = split.length > 1 ? split[1] : null;
        JsonNode base;
        if (head.equals("$statusCode")) {
            if (ctx.statusCode() == null) throw new UnresolvedExpression(expression, "no response here");
            base = IntNode.valueOf(ctx.statusCode());
        } else if (head.equals("$response.body")) {
            if (ctx.responseBody() == null) throw new UnresolvedExpression(expression, "no JSON response body here");
            base = ctx.responseBody();
        } else if (head.startsWith("$inputs.")) {
            base = dotted(expression, ctx.inputs(), head.substring("$inputs.".length()), "no input");
        } else if (head.startsWith("$steps.")) {
            base = stepOutput(expression, head.substring("$steps.".length()), ctx);
        } else {
            throw new UnresolvedExpression(expression, "unsupported expression");
        }
        if (pointer == null) return base;
        JsonNode at = base.at(pointer);
        if (at.isMissingNode()) throw new UnresolvedExpression(expression, "nothing at " + pointer);
        return at;
    }

    private static JsonNode stepOutput(String expression, String rest, ExpressionContext ctx) {
        String[] parts = rest.split("\\.", 3); // stepId, "outputs", name[.more]
        if (parts.length < 3 || !parts[1].equals("outputs")) {
            throw new UnresolvedExpression(expression, "expected $steps.<stepId>.outputs.<name>");
        }
        Map<String, JsonNode> outputs = ctx.stepOutputs().get(parts[0]);
        if (outputs == null) throw new UnresolvedExpression(expression, "no earlier step " + parts[0]);
        return dotted(expression, outputs, parts[2], "no output");
    }

    private static JsonNode dotted(String expression, Map<String, JsonNode> values, String path, String missing) {
        String[] names = path.split("\\.");
        JsonNode v = values == null ? null : values.get(names[0]);
        if (v == null) throw new UnresolvedExpression(expression, missing + " " + names[0]);
        for (int i = 1; i < names.length; i++) {
            v = v.get(names[i]);
            if (v == null) throw new UnresolvedExpression(expression, "no field " + names[i]);
        }
        return v;
    }
}
