package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code services[]}: {@code alias} defaults to {@code id}; servers come from the document. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "alias", "sourceId", "title", "servers"})
public record Service(String id, String alias, String sourceId, String title, List<String> servers) {
}
