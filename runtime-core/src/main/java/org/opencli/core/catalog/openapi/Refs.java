package org.opencli.core.catalog.openapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows local {@code $ref}s ({@code #/components/...}) inside one raw document. External refs
 * are left as they are. Chains are followed up to a small depth so a cycle cannot hang the build.
 */
final class Refs {
    private static final int MAX_DEPTH = 16;

    private Refs() {
    }

    static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < MAX_DEPTH && current != null && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) return current;
            JsonNode target = doc.at(ref.substring(1));
            if (target.isMissingNode()) return current;
            current = target;
        }
        return current;
    }
}
