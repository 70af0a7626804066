package org.opencli.core.catalog;

import java.util.List;
import org.opencli.core.discovery.DocumentDependency;

/** A built catalog plus every document it was built from, so a cache can tell when it is stale. */
public record CatalogBuild(Catalog catalog, List<DocumentDependency> dependencies) {
}
