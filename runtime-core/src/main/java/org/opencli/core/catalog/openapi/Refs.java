package org.opencli.core.catalog.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Follows local {@code $ref}s ({@code #/components/...}) inside the (already bundled, see
 * {@link ExternalRefs}) document. A missing target, a ref loop or a ref that is still external
 * (e.g. added by an overlay) fails with {@code unresolved_ref}.
 */
final class Refs {
    private Refs() {
    }

    /**
     * @param file  the document's location, for errors
     * @param where JSON pointer of {@code node}, computed only when an error is reported
     */
    static JsonNode resolve(JsonNode doc, JsonNode node, String file, Supplier<String> where) {
        JsonNode current = node;
        Set<String> seen = null;
        while (current != null && current.isObject() && current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                throw RefErrors.unresolved(file, where.get(), ref, "external refs are bundled before overlays;"
                        + " this one was not (was it added by an overlay?)", null);
            }
            if (seen == null) seen = new HashSet<>();
            if (!seen.add(ref)) throw RefErrors.unresolved(file, where.get(), ref, "circular $ref chain", null);
            JsonNode target = ref.length() == 1 ? doc : doc.at(ref.substring(1));
            if (target.isMissingNode()) throw RefErrors.unresolved(file, where.get(), ref, "no such node", null);
            current = target;
        }
        return current;
    }
}
