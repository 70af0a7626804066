package org.opencli.core.catalog.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * Applies an OpenAPI Overlay (1.0 / 1.1) to a raw document tree, in place, before indexing.
 * Actions in order: {@code remove: true} deletes each target; {@code update} deep-merges into
 * each target (objects merge, arrays append, scalars replace); {@code copy} (1.1) merges the value
 * its JSONPath selects into each target. A target that selects nothing is not an error.
 */
public final class OverlayApplier {
    private OverlayApplier() {
    }

    public static void apply(JsonNode document, JsonNode overlay, String overlayLocation) {
        if (!overlay.has("overlay") || !overlay.path("actions").isArray()) {
            throw invalid(overlayLocation, "$", "not an overlay (expected \"overlay\" and an \"actions\" array)");
        }
        JsonNode actions = overlay.get("actions");
        for (int i = 0; i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            String at = "$.actions[" + i + "]";
            String target = action.path("target").asText(null);
            if (target == null) throw invalid(overlayLocation, at + ".target", "missing JSONPath target");
            List<List<Object>> targets = locate(document, target, overlayLocation, at + ".target");
            if (action.path("remove").asBoolean(false)) {
                // Remove from the end so earlier array indices stay valid.
                targets.sort(Comparator.comparing(OverlayApplier::lastIndex).reversed());
                for (List<Object> path : targets) remove(document, path);
                continue;
            }
            JsonNode value = action.get("update");
            if (value == null && action.has("copy")) {
                List<List<Object>> from = locate(document, action.get("copy").asText(), overlayLocation, at + ".copy");
                if (from.size() != 1) {
                    throw invalid(overlayLocation, at + ".copy", "copy source must select exactly one node, selected " + from.size());
                }
                value = nodeAt(document, from.get(0)).deepCopy();
            }
            if (value == null) continue;
            for (List<Object> path : targets) merge(document, path, value);
        }
    }

    /** How many nodes each action's target selects in {@code document} (the overlay is not applied). */
    public static List<Integer> targetCounts(JsonNode document, JsonNode overlay, String overlayLocation) {
        List<Integer> counts = new java.util.ArrayList<>();
        JsonNode actions = overlay.path("actions");
        for (int i = 0; i < actions.size(); i++) {
            String target = actions.get(i).path("target").asText(null);
            counts.add(target == null ? 0 : locate(document, target, overlayLocation, "$.actions[" + i + "].target").size());
        }
        return counts;
    }

    /**
     * The expression is the overlay's text: errors say where it is, never quote it. Its length is
     * bounded because the JSONPath compiler recurses per step; a stack overflow is still caught.
     */
    private static List<List<Object>> locate(JsonNode doc, String expr, String file, String at) {
        if (expr.length() > JsonPathLocator.MAX_EXPRESSION_LENGTH) {
            throw invalid(file, at, "JSONPath is longer than " + JsonPathLocator.MAX_EXPRESSION_LENGTH + " characters");
        }
        try {
            return new java.util.ArrayList<>(JsonPathLocator.locate(doc, expr));
        } catch (RuntimeException | StackOverflowError e) {
            throw invalid(file, at, "not a valid JSONPath expression");
        }
    }

    private static int lastIndex(List<Object> path) {
        Object last = path.isEmpty() ? null : path.get(path.size() - 1);
        return last instanceof Integer n ? n : -1;
    }

    static JsonNode nodeAt(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object segment : path) node = segment instanceof Integer n ? node.get(n) : node.get((String) segment);
        return node;
    }

    private static void remove(JsonNode root, List<Object> path) {
        if (path.isEmpty()) return;
        JsonNode parent = nodeAt(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent instanceof ArrayNode a && last instanceof Integer n) a.remove(n);
        else if (parent instanceof ObjectNode o) o.remove((String) last);
    }

    private static void merge(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode target = nodeAt(root, path);
        if (target instanceof ObjectNode o && value.isObject()) {
            deepMerge(o, value);
        } else if (target instanceof ArrayNode a && value.isArray()) {
            value.forEach(v -> a.add(v.deepCopy()));
        } else if (!path.isEmpty()) {
            JsonNode parent = nodeAt(root, path.subList(0, path.size() - 1));
            Object last = path.get(path.size() - 1);
            if (parent instanceof ArrayNode a && last instanceof Integer n) a.set(n, value.deepCopy());
            else if (parent instanceof ObjectNode o) o.set((String) last, value.deepCopy());
        }
    }

    private static void deepMerge(ObjectNode target, JsonNode update) {
        for (var it = update.fields(); it.hasNext();) {
            var e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode o && e.getValue().isObject()) deepMerge(o, e.getValue());
            else if (existing instanceof ArrayNode a && e.getValue().isArray()) e.getValue().forEach(v -> a.add(v.deepCopy()));
            else target.set(e.getKey(), e.getValue().deepCopy());
        }
    }

    private static OcliException invalid(String file, String at, String why) {
        return new OcliException(ErrorKind.CONFIG, "invalid_overlay", "Invalid overlay", file + ": " + at + ": " + why,
                List.of(new org.opencli.core.error.ProblemItem(file, at, why, null)));
    }
}
