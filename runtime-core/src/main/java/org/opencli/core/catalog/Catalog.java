package org.opencli.core.catalog;

import java.util.List;

/** The Normalized Tool Catalog. PLACEHOLDER: the catalog work gives it every contract field. */
public record Catalog(String catalogVersion, List<Tool> tools, List<EffectiveView> effectiveViews) {
}
