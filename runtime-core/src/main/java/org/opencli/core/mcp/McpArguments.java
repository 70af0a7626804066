package org.opencli.core.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencli.core.catalog.Tool;
import org.opencli.core.catalog.ToolParameter;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.execution.InvalidArguments;
import org.opencli.core.execution.RequestDraft;
import org.opencli.core.json.Json;

/**
 * The {@code arguments} of a {@code tools/call}: the JSON body's members (nested input), then each
 * given flag under its original name (the scalar inputs). The request was rendered and checked
 * against the tool's schemas first ({@code RequestRenderer}), so here only the shapes are joined.
 */
public final class McpArguments {
    private McpArguments() {
    }

    public static Map<String, Object> of(Tool tool, ExecuteRequest request, RequestDraft checked) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (checked.body() != null && checked.body().length > 0) {
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(checked.body());
            } catch (IOException e) {
                throw InvalidArguments.of("the body of " + tool.id() + " must be a JSON object");
            }
            if (!body.isObject()) throw InvalidArguments.of("the body of " + tool.id() + " must be a JSON object");
            arguments.putAll(Json.MAPPER.convertValue(body, new TypeReference<Map<String, Object>>() {
            }));
        }
        Map<String, JsonNode> flags = request.flags() == null ? Map.of() : request.flags();
        List<ToolParameter> declared = tool.flags() == null ? List.of() : tool.flags();
        for (ToolParameter f : declared) {
            JsonNode value = flags.containsKey(f.name()) ? flags.get(f.name()) : flags.get(f.originalName());
            if (value == null || value.isNull()) continue;
            if (arguments.containsKey(f.originalName())) {
                throw InvalidArguments.of("'" + f.originalName() + "' is given both as --" + f.name() + " and in the body");
            }
            arguments.put(f.originalName(), Json.MAPPER.convertValue(typed(f, value), Object.class));
        }
        return arguments;
    }

    /** A number or boolean given as text (as on an HTTP wire, which the checks admit) sent as its JSON type. */
    private static JsonNode typed(ToolParameter f, JsonNode value) {
        if (!value.isTextual() || f.schema() == null) return value;
        String type = f.schema().path("type").asText("");
        String text = value.asText().strip();
        try {
            return switch (type) {
                case "integer" -> Json.MAPPER.getNodeFactory().numberNode(new java.math.BigInteger(text));
                case "number" -> Json.MAPPER.getNodeFactory().numberNode(new java.math.BigDecimal(text));
                case "boolean" -> text.equals("true") || text.equals("false")
                        ? Json.MAPPER.getNodeFactory().booleanNode(text.equals("true")) : value;
                default -> value;
            };
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }
}
