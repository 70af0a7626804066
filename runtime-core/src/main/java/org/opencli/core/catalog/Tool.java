package org.opencli.core.catalog;

/** One tool of the catalog. PLACEHOLDER: the catalog work gives it every contract field. */
public record Tool(String id) {
}
