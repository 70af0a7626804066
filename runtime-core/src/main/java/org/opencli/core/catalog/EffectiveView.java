package org.opencli.core.catalog;

import java.util.List;

/** A named view of the catalog: {@code discover} or one per agent profile. */
public record EffectiveView(String name, String mode, List<Tool> tools) {
}
