package org.opencli.core.engine;

import org.opencli.core.catalog.Catalog;
import org.opencli.core.catalog.EffectiveView;

/** The effective catalog and the view selected for the request. */
public record CatalogResponse(Catalog catalog, EffectiveView view) {
}
