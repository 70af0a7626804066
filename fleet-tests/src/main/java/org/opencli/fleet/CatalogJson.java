package org.opencli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Helpers for comparing catalog responses across topologies. */
public final class CatalogJson {
    private CatalogJson() {
    }

    /**
     * A copy without build timestamps ({@code generatedAt}, provenance {@code at} and {@code fetchedAt}): two builds of the
     * same sources differ only there, so everything else must be equal byte for byte.
     */
    public static JsonNode withoutTimestamps(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("generatedAt", "at", "fetchedAt"));
            object.forEach(CatalogJson::strip);
        } else if (node.isArray()) {
            node.forEach(CatalogJson::strip);
        }
    }

    public static List<String> toolIds(JsonNode tools) {
        List<String> ids = new ArrayList<>();
        tools.forEach(t -> ids.add(t.path("id").asText()));
        ids.sort(String::compareTo);
        return ids;
    }
}
