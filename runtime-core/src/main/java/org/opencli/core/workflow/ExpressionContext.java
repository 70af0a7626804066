package org.opencli.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What runtime expressions can see: the workflow inputs, the outputs of the steps run so far and,
 * while evaluating a step's outputs and success criteria, that step's response (else nulls).
 */
public record ExpressionContext(Map<String, JsonNode> inputs, Map<String, Map<String, JsonNode>> stepOutputs,
        Integer statusCode, JsonNode responseBody) {

    public ExpressionContext withResponse(Integer status, JsonNode body) {
        return new ExpressionContext(inputs, stepOutputs, status, body);
    }
}
