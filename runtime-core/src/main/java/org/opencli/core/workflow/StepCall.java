package org.opencli.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencli.core.catalog.Tool;
import org.opencli.core.catalog.ToolParameter;
import org.opencli.core.catalog.Workflow.WorkflowStep;
import org.opencli.core.execution.ExecuteRequest;

/**
 * A step → the {@link ExecuteRequest} for its tool. Arazzo {@code parameters} with {@code in: path}
 * become path arguments in the order of the tool's path parameters; the others become flags keyed
 * by their API name. {@code requestBody.payload} is the body: JSON as is, a string as its bytes.
 */
public final class StepCall {
    private StepCall() {
    }

    public static ExecuteRequest request(WorkflowStep step, Tool tool, WorkflowRunRequest run, ExpressionContext ctx) {
        Map<String, JsonNode> pathValues = new LinkedHashMap<>();
        Map<String, JsonNode> flags = new LinkedHashMap<>();
        List<ToolParameter> pathParams = tool.pathParams() == null ? List.of() : tool.pathParams();
        if (step.parameters() != null) {
            for (JsonNode p : step.parameters()) {
                String name = p.path("name").asText();
                JsonNode value = RuntimeExpressions.resolveAll(p.get("value"), ctx);
                String in = p.path("in").asText(isPathParam(pathParams, name) ? "path" : "query");
                (in.equals("path") ? pathValues : flags).put(name, value);
            }
        }
        List<String> pathArgs = new ArrayList<>();
        for (ToolParameter p : pathParams) {
            JsonNode v = pathValues.containsKey(p.originalName()) ? pathValues.get(p.originalName()) : pathValues.get(p.name());
            if (v != null) pathArgs.add(v.asText());
        }
        JsonNode body = null;
        String contentType = null;
        if (step.requestBody() != null && step.requestBody().has("payload")) {
            body = RuntimeExpressions.resolveAll(step.requestBody().get("payload"), ctx);
            contentType = step.requestBody().path("contentType").asText(null);
            // ExecuteRequest reads a JSON string body as base64 bytes: encode text payloads accordingly.
            if (body.isTextual()) {
                body = TextNode.valueOf(Base64.getEncoder().encodeToString(body.asText().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return new ExecuteRequest(run.configPath(), run.mode(), run.agentProfile(), tool.id(), pathArgs,
                flags, body, contentType, run.approval(), false);
    }

    private static boolean isPathParam(List<ToolParameter> pathParams, String name) {
        return pathParams.stream().anyMatch(p -> name.equals(p.originalName()) || name.equals(p.name()));
    }
}
