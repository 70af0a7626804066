package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code sources[]}: a configured source; {@code uri} exactly as written in config. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "type", "uri", "provenance"})
public record CatalogSource(String id, String type, String uri, Provenance provenance) {
}
