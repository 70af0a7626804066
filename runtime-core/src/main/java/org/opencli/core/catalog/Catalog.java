package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The Normalized Tool Catalog (CONTRACT.md §3). Lists are never null; {@code workflows} is left out
 * of the JSON when empty (the published schema makes it optional).
 */
@JsonPropertyOrder({"catalogVersion", "generatedAt", "sourceFingerprint", "sources", "services", "tools",
        "workflows", "effectiveViews"})
public record Catalog(
        String catalogVersion,
        String generatedAt,
        String sourceFingerprint,
        List<CatalogSource> sources,
        List<Service> services,
        List<Tool> tools,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Workflow> workflows,
        List<EffectiveView> effectiveViews) {

    public static final String VERSION = "1.0.0";

    public java.util.Optional<Tool> tool(String id) {
        return tools.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public java.util.Optional<EffectiveView> view(String name) {
        return effectiveViews.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
