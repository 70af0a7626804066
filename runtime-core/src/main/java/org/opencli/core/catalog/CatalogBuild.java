package org.opencli.core.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencli.core.discovery.DocumentDependency;

/**
 * A built catalog plus every document it was built from, so a cache can tell when it is stale. Tools
 * are indexed by id once per build: every execution looks its tool up, and a description such as
 * GitHub's has over a thousand.
 */
public final class CatalogBuild {
    private final Catalog catalog;
    private final List<DocumentDependency> dependencies;
    private final Map<String, Tool> toolsById;

    public CatalogBuild(Catalog catalog, List<DocumentDependency> dependencies) {
        this.catalog = catalog;
        this.dependencies = dependencies;
        Map<String, Tool> byId = new HashMap<>();
        for (Tool tool : catalog.tools()) byId.putIfAbsent(tool.id(), tool); // first wins, as Catalog.tool does
        this.toolsById = Map.copyOf(byId);
    }

    public Catalog catalog() {
        return catalog;
    }

    public List<DocumentDependency> dependencies() {
        return dependencies;
    }

    /** The tool with this id, as {@link Catalog#tool} finds it, without walking the list. */
    public Optional<Tool> tool(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(toolsById.get(id));
    }
}
