package org.opencli.core.catalog.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Follows local {@code $ref}s ({@code #/components/...}) inside the (already bundled, see
 * {@link ExternalRefs}) document. A missing target, a ref loop or a ref that is still external
 * (e.g. added by an overlay) fails with {@code unresolved_ref}. Targets are memoized per ref string:
 * the validator and the indexer follow the same few thousand refs, and compiling a pointer each
 * time was a visible cost on large descriptions.
 */
final class Refs {
    private static final int MAX_HOPS = 64;

    private final JsonNode doc;
    private final String file;
    private final Map<String, JsonNode> targets = new HashMap<>();

    Refs(JsonNode doc, String file) {
        this.doc = doc;
        this.file = file;
    }

    /** @param where JSON pointer of {@code node}, computed only when an error is reported */
    JsonNode resolve(JsonNode node, Supplier<String> where) {
        JsonNode current = node;
        int hops = 0;
        while (current != null && current.isObject() && current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                throw RefErrors.unresolved(file, where.get(), ref, "external refs are bundled before overlays;"
                        + " this one was not (was it added by an overlay?)", null);
            }
            // No visited set per lookup: a chain this long only happens in a loop.
            if (++hops > MAX_HOPS) throw RefErrors.unresolved(file, where.get(), ref, "circular $ref chain", null);
            JsonNode target = targets.computeIfAbsent(ref, r -> r.length() == 1 ? doc : doc.at(r.substring(1)));
            if (target.isMissingNode()) throw RefErrors.unresolved(file, where.get(), ref, "no such node", null);
            current = target;
        }
        return current;
    }
}
