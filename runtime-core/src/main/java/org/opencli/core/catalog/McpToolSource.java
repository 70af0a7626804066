package org.opencli.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.config.SourceConfig;

/**
 * Where an mcp source's tools come from while a catalog is built: the synthetic OpenAPI document of
 * every tool the server's {@code tools/list} names ({@code disabledTools} are removed by the builder,
 * which checks what still refers to them), from the engine's {@code core.mcp} connections (none: an
 * mcp source lists no tools). May block: catalogs are built off event loops.
 */
@FunctionalInterface
public interface McpToolSource {
    JsonNode document(String sourceId, SourceConfig source, LoadedConfig config);
}
