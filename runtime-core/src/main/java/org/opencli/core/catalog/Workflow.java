package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An Arazzo workflow whose steps are bound to catalog tools. {@code outputs} and the steps'
 * {@code parameters}, {@code requestBody}, {@code successCriteria} and {@code outputs} are the
 * Arazzo JSON as written (runtime expressions unresolved); they serve workflow execution and are
 * left out of the catalog JSON, whose shape CONTRACT.md §3 fixes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"workflowId", "serviceId", "summary", "description", "steps"})
public record Workflow(String workflowId, String serviceId, String summary, String description, List<WorkflowStep> steps,
        @JsonIgnore JsonNode outputs) {

    public Workflow(String workflowId, String serviceId, String summary, String description, List<WorkflowStep> steps) {
        this(workflowId, serviceId, summary, description, steps, null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"stepId", "toolId", "description"})
    public record WorkflowStep(String stepId, String toolId, String description,
            @JsonIgnore JsonNode parameters, @JsonIgnore JsonNode requestBody,
            @JsonIgnore JsonNode successCriteria, @JsonIgnore JsonNode outputs) {

        public WorkflowStep(String stepId, String toolId, String description) {
            this(stepId, toolId, description, null, null, null, null);
        }
    }
}
