package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** An operation's request body: whether required, and each media type with its raw schema. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"required", "description", "contentTypes"})
public record RequestBody(boolean required, String description, List<ContentType> contentTypes) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"mediaType", "schema"})
    public record ContentType(String mediaType, JsonNode schema) {
    }
}
