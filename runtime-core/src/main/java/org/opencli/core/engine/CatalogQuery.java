package org.opencli.core.engine;

/** {@code GET /v1/catalog/effective?config=&mode=&agentProfile=}; null fields mean "not given". */
public record CatalogQuery(String configPath, String mode, String agentProfile) {
}
