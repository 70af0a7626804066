package org.opencli.core.mcpserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencli.core.json.Json;

/**
 * A {@code tools/call}'s arguments as the execute request's parts, by the tool's binding: path
 * parameters in order, the body argument, {@value McpToolBinding#APPROVE}, and every other argument
 * as a flag (the runtime refuses names the tool does not have).
 */
final class McpCallArguments {
    private McpCallArguments() {
    }

    /** The call, or an {@link InvalidArguments} naming what is missing or malformed. */
    static McpCall read(McpToolBinding binding, Map<String, Object> arguments) {
        Map<String, Object> args = new LinkedHashMap<>(arguments == null ? Map.of() : arguments);
        boolean approval = approval(args.remove(McpToolBinding.APPROVE));
        List<String> pathArgs = new ArrayList<>();
        for (String name : binding.pathParams()) {
            Object value = args.remove(name);
            if (value == null) throw new InvalidArguments("the argument " + name + " (a path parameter) is required");
            JsonNode node = Json.MAPPER.valueToTree(value);
            pathArgs.add(node.isValueNode() ? node.asText() : node.toString());
        }
        JsonNode body = null;
        String contentType = null;
        if (binding.bodyArgument() != null && args.containsKey(binding.bodyArgument())) {
            contentType = binding.bodyMediaType();
            body = body(Json.MAPPER.valueToTree(args.remove(binding.bodyArgument())), contentType);
        }
        Map<String, JsonNode> flags = new LinkedHashMap<>();
        args.forEach((name, value) -> flags.put(name, Json.MAPPER.valueToTree(value)));
        return new McpCall(binding.toolId(), List.copyOf(pathArgs), flags, body, contentType, approval);
    }

    /**
     * The execute request reads a string body as base64 bytes: a JSON body that is a string is sent
     * as its JSON text, any other media type's string as its UTF-8 text.
     */
    private static JsonNode body(JsonNode value, String mediaType) {
        if (!value.isTextual()) return value;
        String text = McpSchemas.json(mediaType) ? value.toString() : value.asText();
        return TextNode.valueOf(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean approval(Object value) {
        if (value == null) return false;
        if (value instanceof Boolean b) return b;
        if (value instanceof String s && (s.equals("true") || s.equals("false"))) return Boolean.parseBoolean(s);
        throw new InvalidArguments("the argument " + McpToolBinding.APPROVE + " must be true or false");
    }

    /** Arguments that cannot make an execute request; the caller sees the message in a tool error. */
    static final class InvalidArguments extends RuntimeException {
        InvalidArguments(String message) {
            super(message, null, false, false);
        }
    }
}
