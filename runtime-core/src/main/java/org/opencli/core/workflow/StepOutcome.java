package org.opencli.core.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One step of a run. {@code status} is {@code ready} (validation only), {@code succeeded},
 * {@code failed} or {@code skipped} (an earlier step failed, nothing was sent). {@code statusCode}
 * is the upstream's; {@code error} says why a step failed without (or despite) an answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"stepId", "toolId", "status", "statusCode", "outputs", "error"})
public record StepOutcome(String stepId, String toolId, String status, Integer statusCode,
        Map<String, JsonNode> outputs, StepError error) {

    public static final String READY = "ready";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    /** Why a step failed: a runtime problem's code, HTTP status and detail. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"code", "status", "detail"})
    public record StepError(String code, Integer status, String detail) {
    }
}
