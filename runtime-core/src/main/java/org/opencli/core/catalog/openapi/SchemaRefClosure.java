package org.opencli.core.catalog.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local {@code $ref} targets a tool's schemas reach, directly or through other targets: what
 * validating a call needs once the document is gone ({@link org.opencli.core.catalog.ToolSchemas}).
 * The refs found inside each target are memoized per document, so a target shared by many tools
 * is walked once. At most {@link #MAX_TARGETS} per tool; a tool reaching more is validated only as
 * far as its targets go (the validator skips what it cannot resolve).
 */
final class SchemaRefClosure {
    static final int MAX_TARGETS = 4096;

    private final JsonNode doc;
    private final Map<String, List<String>> refsInside = new HashMap<>();

    SchemaRefClosure(JsonNode doc) {
        this.doc = doc;
    }

    /** Ref → target for every ref reachable from {@code schemas} (nulls skipped); missing targets are left out. */
    Map<String, JsonNode> targets(List<JsonNode> schemas) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        for (JsonNode schema : schemas) {
            if (schema != null) pending.addAll(localRefs(schema));
        }
        while (!pending.isEmpty() && found.size() < MAX_TARGETS) {
            String ref = pending.pop();
            if (found.containsKey(ref)) continue;
            JsonNode target = ref.length() == 1 ? doc : doc.at(ref.substring(1));
            if (target.isMissingNode()) continue;
            found.put(ref, target);
            pending.addAll(refsInside.computeIfAbsent(ref, r -> localRefs(target)));
        }
        return found;
    }

    /** Every {@code "$ref": "#..."} in the tree under {@code root} (refs are not followed). */
    private static List<String> localRefs(JsonNode root) {
        List<String> refs = new ArrayList<>();
        Deque<JsonNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            JsonNode node = stack.pop();
            if (node.isObject()) {
                JsonNode ref = node.get("$ref");
                if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) refs.add(ref.asText());
                node.elements().forEachRemaining(stack::push);
            } else if (node.isArray()) {
                node.elements().forEachRemaining(stack::push);
            }
        }
        return refs;
    }
}
