package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What executes a tool: {@code type} {@code openapi} (an HTTP operation of {@code sourceId}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "sourceId"})
public record Backend(String type, String sourceId) {
}
