package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An Arazzo workflow whose steps are bound to catalog tools. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"workflowId", "serviceId", "summary", "description", "steps"})
public record Workflow(String workflowId, String serviceId, String summary, String description, List<WorkflowStep> steps) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"stepId", "toolId", "description"})
    public record WorkflowStep(String stepId, String toolId, String description) {
    }
}
