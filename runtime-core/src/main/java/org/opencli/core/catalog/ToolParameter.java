package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A path argument or flag. {@code name} is the CLI name ({@code x-cli-name} or kebab-case),
 * {@code originalName} the API's; {@code location} is path, query, header or cookie. The schema is
 * the document's raw JSON ({@code $ref}s kept). {@code style}/{@code explode} are the OpenAPI
 * serialization hints as written (null: the location's default), used when rendering requests, as
 * is {@code shape} (the value the resolved schema admits; not part of the catalog's JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "originalName", "location", "required", "description", "schema", "style", "explode"})
public record ToolParameter(String name, String originalName, String location, boolean required, String description,
        JsonNode schema, String style, Boolean explode, @JsonIgnore ValueShape shape) {

    /** With serialization hints; the shape is read from {@code schema} as written (no refs followed). */
    public ToolParameter(String name, String originalName, String location, boolean required, String description,
                         JsonNode schema, String style, Boolean explode) {
        this(name, originalName, location, required, description, schema, style, explode, null);
    }

    /** Without serialization hints: the OpenAPI defaults for the location apply. */
    public ToolParameter(String name, String originalName, String location, boolean required, String description,
                         JsonNode schema) {
        this(name, originalName, location, required, description, schema, null, null);
    }
}
