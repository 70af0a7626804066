package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A named view of the catalog: {@code discover} or one per agent profile. */
@JsonPropertyOrder({"name", "mode", "tools"})
public record EffectiveView(String name, String mode, List<Tool> tools) {
}
