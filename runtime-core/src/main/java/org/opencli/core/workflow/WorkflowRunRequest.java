package org.opencli.core.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * {@code POST /v1/workflows/run}. Without {@code execute} the runtime only checks that every step's
 * tool exists and passes policy (the reference behaviour); with it (ours) the steps run in order.
 * {@code inputs} are the Arazzo workflow inputs ({@code $inputs.x}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowRunRequest(
        String configPath,
        String mode,
        String agentProfile,
        String workflowId,
        Map<String, JsonNode> inputs,
        boolean approval,
        boolean execute) {
}
