package org.opencli.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a tool's schemas need beyond themselves to be checked: the target of every local
 * {@code $ref} they reach, directly or through other targets ({@code "#/components/schemas/Ticket"}
 * → its node). The catalog's JSON keeps schemas as written, refs included; the document they point
 * into is not kept, so an execution can validate against a tool's schemas without it. Values
 * derived from these schemas (compiled validators) are memoized here, so they live exactly as long
 * as the catalog build the tool belongs to.
 */
public final class ToolSchemas {

    private final String openapiVersion;
    private final Map<String, JsonNode> refTargets;
    private final Map<String, Object> derived = new ConcurrentHashMap<>();

    /** @param openapiVersion the document's {@code openapi} field ({@code 3.0.3}, {@code 3.1.0}); null: unknown */
    public ToolSchemas(String openapiVersion, Map<String, JsonNode> refTargets) {
        this.openapiVersion = openapiVersion;
        this.refTargets = Map.copyOf(refTargets);
    }

    /** True for an OpenAPI 3.0 document (schemas are its dialect: {@code nullable}, draft-04 rules). */
    public boolean openapi30() {
        return openapiVersion == null || !openapiVersion.startsWith("3.1");
    }

    /** Local ref ({@code #/...}) → its target in the document, for every ref the tool's schemas reach. */
    public Map<String, JsonNode> refTargets() {
        return refTargets;
    }

    /** A value computed from these schemas once (per key) and kept with them. */
    @SuppressWarnings("unchecked")
    public <T> T derived(String key, Supplier<T> compute) {
        return (T) derived.computeIfAbsent(key, k -> compute.get());
    }

    /** Derived data: two holders are equal when they hold the same targets (memoized values do not count). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ToolSchemas other && java.util.Objects.equals(openapiVersion, other.openapiVersion)
                && refTargets.equals(other.refTargets);
    }

    @Override
    public int hashCode() {
        return refTargets.hashCode();
    }
}
