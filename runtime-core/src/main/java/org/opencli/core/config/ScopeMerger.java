package org.opencli.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencli.core.json.Json;

/**
 * Merges scope files, lowest precedence first (managed, user, project, local), into one JSON tree.
 * <ul>
 *   <li>Scalars: the last non-empty value wins ({@code null} and {@code ""} never override).</li>
 *   <li>Objects merge key by key ({@code sources}, {@code services}, {@code profiles}, ...), except
 *       the values listed in {@link #REPLACED_WHOLE}: a later scope's value replaces the earlier one.</li>
 *   <li>Lists in {@link #APPENDED} append with de-duplication; every other list is replaced whole.</li>
 *   <li>The managed scope's {@code policy.deny} is kept apart ({@link #managedDeny()}), so no other
 *       scope can remove or weaken it.</li>
 * </ul>
 */
final class ScopeMerger {
    /** Entry fields whose value is one unit: merging them field by field would mix two variants. */
    private static final List<String[]> REPLACED_WHOLE = List.of(
            pattern("sources.*.refresh"), pattern("sources.*.transport"), pattern("sources.*.oauth"),
            pattern("mcpServers.*.env"), pattern("mcpServers.*.headers"), pattern("mcpServers.*.headerSecrets"),
            pattern("secrets.*"));
    private static final List<String[]> APPENDED = List.of(
            pattern("curation.toolSets.*.allow"), pattern("curation.toolSets.*.deny"),
            pattern("policy.deny"), pattern("policy.approvalRequired"));
    /** Nested secret references are replaced whole wherever they appear. */
    private static final Set<String> SECRET_REF_KEYS = Set.of("clientId", "clientSecret");

    private final ObjectNode merged = Json.MAPPER.createObjectNode();
    private final Set<String> managedDeny = new LinkedHashSet<>();
    private final Provenance provenance;

    ScopeMerger(String fallbackFile) {
        this.provenance = new Provenance(fallbackFile);
    }

    /** Merges one scope file on top of what was added before. */
    void add(ObjectNode root, String file, boolean managedScope) {
        ObjectNode scope = root.deepCopy();
        if (managedScope && scope.get("policy") instanceof ObjectNode policy && policy.get("deny") instanceof ArrayNode deny) {
            deny.forEach(d -> managedDeny.add(d.asText()));
            policy.remove("deny");
        }
        mergeObject(merged, scope, new ArrayList<>(), JsonPaths.ROOT, file);
    }

    ObjectNode result() {
        return merged;
    }

    Provenance provenance() {
        return provenance;
    }

    List<String> managedDeny() {
        return List.copyOf(managedDeny);
    }

    private void mergeObject(ObjectNode target, ObjectNode source, List<String> keys, String path, String file) {
        for (Map.Entry<String, JsonNode> field : iterable(source)) {
            String key = field.getKey();
            JsonNode incoming = field.getValue();
            if (incoming.isNull() || (incoming.isTextual() && incoming.asText().isEmpty())) continue;
            List<String> childKeys = new ArrayList<>(keys);
            childKeys.add(key);
            String childPath = JsonPaths.child(path, key);
            JsonNode existing = target.get(key);
            if (incoming.isArray() && existing instanceof ArrayNode list && matchesAny(APPENDED, childKeys)) {
                appendDistinct(list, (ArrayNode) incoming);
                provenance.record(childPath, file);
            } else
                if (incoming instanceof ObjectNode object && existing instanceof ObjectNode into
                        && !isReplacedWhole(childKeys)) {
                            provenance.record(childPath, file);
                            mergeObject(into, object, childKeys, childPath, file);
                        } else {
                            target.set(key, incoming.deepCopy());
                            provenance.forgetBelow(childPath);
                            recordTree(childPath, incoming, file);
                        }
        }
    }

    private boolean isReplacedWhole(List<String> keys) {
        return matchesAny(REPLACED_WHOLE, keys) || SECRET_REF_KEYS.contains(keys.get(keys.size() - 1));
    }

    private void recordTree(String path, JsonNode value, String file) {
        provenance.record(path, file);
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> f : iterable((ObjectNode) value)) {
                recordTree(JsonPaths.child(path, f.getKey()), f.getValue(), file);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) recordTree(JsonPaths.index(path, i), value.get(i), file);
        }
    }

    private static void appendDistinct(ArrayNode into, ArrayNode more) {
        Set<JsonNode> seen = new LinkedHashSet<>();
        into.forEach(seen::add);
        more.forEach(v -> {
            if (seen.add(v)) into.add(v.deepCopy());
        });
    }

    private static boolean matchesAny(List<String[]> patterns, List<String> keys) {
        for (String[] p : patterns) {
            if (p.length != keys.size()) continue;
            boolean match = true;
            for (int i = 0; i < p.length && match; i++) match = p[i].equals("*") || p[i].equals(keys.get(i));
            if (match) return true;
        }
        return false;
    }

    private static String[] pattern(String dotted) {
        return dotted.split("\\.");
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode node) {
        return node::fields;
    }
}
