package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A path argument or flag. {@code name} is the CLI name ({@code x-cli-name} or kebab-case),
 * {@code originalName} the API's; {@code location} is path, query, header or cookie. The schema is
 * the document's raw JSON ({@code $ref}s kept).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "originalName", "location", "required", "description", "schema"})
public record ToolParameter(String name, String originalName, String location, boolean required, String description,
                            JsonNode schema) {
}
