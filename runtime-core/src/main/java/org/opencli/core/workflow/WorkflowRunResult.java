package org.opencli.core.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The answer of a workflow run: one entry per step in order, and the workflow's outputs when it defines them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"workflowId", "steps", "outputs"})
public record WorkflowRunResult(String workflowId, List<StepOutcome> steps, Map<String, JsonNode> outputs) {

    /** True when every step is ready (validation) or succeeded (execution). */
    public boolean allOk() {
        return steps.stream().allMatch(s -> StepOutcome.READY.equals(s.status()) || StepOutcome.SUCCEEDED.equals(s.status()));
    }
}
