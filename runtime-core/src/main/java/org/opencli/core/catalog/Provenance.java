package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * How a source was obtained: {@code method} is {@code explicit} for configured OpenAPI documents,
 * {@code serviceRoot} / {@code apiCatalog} for discovered ones, {@code mcp} for MCP servers.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"method", "at", "fetches"})
public record Provenance(String method, String at, List<Fetch> fetches) {
}
