package org.opencli.core.mcpserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencli.core.error.Problem;
import org.opencli.core.json.Json;

/**
 * Execute answers and refusals as {@code tools/call} results. An upstream status of 400 or more, a
 * refusal (policy, approval, scope, invalid arguments) and an unreachable upstream are tool errors
 * ({@code isError}), so the agent reads why; the text is the body (or the problem), the structured
 * content the JSON body when it is an object, {@code _meta} the status.
 */
final class McpCallResults {
    static final String META_STATUS = "org.opencli/statusCode";
    static final String META_PROBLEM_CODE = "org.opencli/problemCode";
    static final int MAX_TEXT = 1 << 20;

    private McpCallResults() {
    }

    /** The result of an execute answer ({@code ExecuteResult} JSON). */
    static McpSchema.CallToolResult of(JsonNode result) {
        int status = result.path("statusCode").asInt(0);
        JsonNode body = result.get("body");
        String text;
        if (body != null && !body.isNull()) {
            text = body.isTextual() ? body.asText() : body.toString();
        } else if (result.hasNonNull("text")) {
            text = result.get("text").asText();
        } else if (result.hasNonNull("bodyBase64")) {
            text = "binary body (" + result.path("contentType").asText("application/octet-stream") + "), base64: "
                    + result.get("bodyBase64").asText();
        } else if (result.hasNonNull("request")) {
            text = "dry run: " + result.get("request").toString();
        } else {
            text = "";
        }
        boolean failed = status >= 400;
        if (failed) text = "HTTP " + status + (text.isEmpty() ? "" : ": " + text);
        Map<String, Object> meta = new LinkedHashMap<>();
        if (status > 0) meta.put(META_STATUS, status);
        McpSchema.CallToolResult.Builder out = McpSchema.CallToolResult.builder()
                .addTextContent(bounded(text))
                .isError(failed)
                .meta(meta);
        if (body != null && body.isObject()) out.structuredContent(Json.MAPPER.convertValue(body, Map.class));
        return out.build();
    }

    /** A refusal of the runtime as a tool error; {@code approval_required} says how to approve. */
    static McpSchema.CallToolResult refusal(Problem problem, String toolId) {
        String text = "approval_required".equals(problem.code())
                ? toolId + " requires approval: once a person approved this call, call the tool again with the argument \""
                        + McpToolBinding.APPROVE + "\": true"
                : problem.title() + " (" + problem.code() + "): " + problem.detail();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(META_STATUS, problem.status());
        meta.put(META_PROBLEM_CODE, problem.code());
        return McpSchema.CallToolResult.builder()
                .addTextContent(bounded(text))
                .isError(true)
                .structuredContent(Json.MAPPER.convertValue(problem, Map.class))
                .meta(meta)
                .build();
    }

    /** Arguments that make no execute request (a missing path parameter, say). */
    static McpSchema.CallToolResult invalidArguments(String toolId, String message) {
        return refusal(Problem.of("invalid_arguments", "Invalid arguments", 400, message + " (tool " + toolId + ")"), toolId);
    }

    private static String bounded(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "… (cut at " + MAX_TEXT + " characters)";
    }
}
