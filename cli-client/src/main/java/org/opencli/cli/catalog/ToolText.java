package org.opencli.cli.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Human phrases for parts of a tool, shared by {@code explain} and the tool commands' help. */
public final class ToolText {
    private ToolText() {
    }

    /** e.g. {@code read-only, idempotent}; {@code none declared} when the tool says nothing. */
    public static String safety(JsonNode tool) {
        JsonNode safety = tool.path("safety");
        List<String> parts = new ArrayList<>();
        if (safety.path("readOnly").asBoolean(false)) parts.add("read-only");
        if (safety.path("destructive").asBoolean(false)) parts.add("destructive");
        if (safety.path("idempotent").asBoolean(false)) parts.add("idempotent");
        if (safety.path("requiresApproval").asBoolean(false)) parts.add("requires approval");
        return parts.isEmpty() ? "none declared" : String.join(", ", parts);
    }

    /** Media types of the request body, with a required marker; null when the tool takes no body. */
    public static String requestBody(JsonNode tool) {
        JsonNode body = tool.path("requestBody");
        if (body.isMissingNode() || body.isNull()) return null;
        List<String> types = new ArrayList<>();
        body.path("contentTypes").forEach(c -> types.add(c.path("mediaType").asText()));
        return (types.isEmpty() ? "(no media type)" : String.join(", ", types))
                + (body.path("required").asBoolean(false) ? " (required)" : " (optional)");
    }

    /** Auth alternatives as {@code a + b | c} (AND within an alternative, OR between them). */
    public static String auth(JsonNode tool) {
        List<String> alternatives = new ArrayList<>();
        for (JsonNode alternative : tool.path("authAlternatives")) {
            List<String> names = new ArrayList<>();
            for (JsonNode req : alternative.path("requirements")) {
                String type = req.path("type").asText("");
                String scheme = req.path("scheme").asText("");
                names.add(req.path("name").asText() + (type.isEmpty() ? "" : " (" + type + (scheme.isEmpty() ? "" : " " + scheme) + ")"));
            }
            alternatives.add(names.isEmpty() ? "anonymous" : String.join(" + ", names));
        }
        return alternatives.isEmpty() ? "none" : String.join(" | ", alternatives);
    }

    /** One parameter line: name, schema type, location, required marker, allowed values. */
    public static String param(JsonNode param, boolean flag) {
        StringBuilder sb = new StringBuilder(flag ? "--" : "<").append(param.path("name").asText()).append(flag ? "" : ">");
        String type = SchemaSummary.type(param.get("schema"));
        if (!type.isEmpty()) sb.append(" (").append(type).append(')');
        sb.append(" in ").append(param.path("location").asText(flag ? "query" : "path"));
        if (param.path("required").asBoolean(false)) sb.append(", required");
        String values = SchemaSummary.allowedValues(param.get("schema"));
        if (values != null) sb.append(", ").append(values);
        return sb.toString();
    }
}
