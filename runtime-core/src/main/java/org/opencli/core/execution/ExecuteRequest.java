package org.opencli.core.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/tools/execute}. {@code flags} keys may be flag names or the API's original
 * names; values are JSON (strings, numbers, booleans, arrays, objects). {@code body} is either a
 * base64 string (bytes, as the reference client sends) or any other JSON value sent as JSON.
 * {@code dryRun} (ours) renders the request without sending it. {@code rawResponse} (ours) asks
 * for the upstream's response headers and body bytes besides the shaped body (see
 * {@link ExecuteResult}); left out, the answer is the usual shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecuteRequest(
        String configPath,
        String mode,
        String agentProfile,
        String toolId,
        List<String> pathArgs,
        Map<String, JsonNode> flags,
        JsonNode body,
        String bodyContentType,
        boolean approval,
        boolean dryRun,
        // sent only when asked for, so a runtime that predates it still takes every other request
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean rawResponse) {

    /** A request with the usual answer shape (no raw headers and bytes). */
    public ExecuteRequest(String configPath, String mode, String agentProfile, String toolId, List<String> pathArgs,
                          Map<String, JsonNode> flags, JsonNode body, String bodyContentType, boolean approval,
                          boolean dryRun) {
        this(configPath, mode, agentProfile, toolId, pathArgs, flags, body, bodyContentType, approval, dryRun, false);
    }
}
