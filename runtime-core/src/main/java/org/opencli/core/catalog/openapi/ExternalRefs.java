package org.opencli.core.catalog.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencli.core.error.OcliException;

/**
 * Bundles a multi-file description into its main document, in place, before overlays and indexing,
 * so everything downstream (overlays, the indexer, emitted schemas) sees one self-contained tree.
 *
 * <ul>
 *   <li>Every {@code $ref} whose target lies in another document is replaced by a copy of the target
 *       (sibling keys of the ref object are laid over it). The copy is bundled in the context of its own
 *       document: its relative refs resolve against that document's URI, its {@code #/...} refs point into
 *       that document.</li>
 *   <li>Refs that point into the main document stay (or become) local {@code #/...} refs.</li>
 *   <li>Recursion across external documents cannot be inlined: the recursive target is hoisted once into
 *       the main document's {@code components.schemas} under a generated name and referenced locally.</li>
 *   <li>A pure {@code $ref → $ref → ...} loop, a missing document or a missing pointer → {@code unresolved_ref}.</li>
 * </ul>
 * Only objects with a string {@code $ref} count as references. A document without external refs is walked
 * once and left untouched (no copies), which keeps single-file descriptions as fast as before.
 */
public final class ExternalRefs {
    /** Loads (and records as a dependency) the document at an absolute URI; throws OcliException on failure. */
    public interface Loader {
        JsonNode load(String documentUri);
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String main;
    private final String mainFile;
    private final JsonNode mainTree;
    private final Loader loader;
    private final Map<String, JsonNode> documents = new HashMap<>();
    private final Map<String, JsonNode> bundled = new HashMap<>();
    private final Set<String> inProgress = new LinkedHashSet<>();
    private final Map<String, String> hoisted = new HashMap<>();
    private final Set<String> hoistedNames = new HashSet<>();
    private final Map<String, JsonNode> hoistedSchemas = new java.util.LinkedHashMap<>();

    private ExternalRefs(String mainLocation, JsonNode mainTree, Loader loader) {
        this.mainFile = mainLocation;
        this.main = normalize(mainLocation);
        this.mainTree = mainTree;
        this.loader = loader;
    }

    /**
     * Bundles {@code tree} (parsed from {@code text}, the document at {@code location}) in place and
     * returns it. When the text shows no possible external ref the tree is not walked at all.
     */
    public static JsonNode bundle(JsonNode tree, byte[] text, String location, Loader loader) {
        if (text != null && !RefScan.mayHaveExternalRefs(text)) return tree;
        ExternalRefs refs = new ExternalRefs(location, tree, loader);
        refs.walkMain(tree, new ArrayList<>());
        // Added only after the walk: inserting while iterating the tree would break its iterators.
        if (!refs.hoistedSchemas.isEmpty() && tree instanceof ObjectNode root) {
            ObjectNode schemas = objectAt(objectAt(root, "components"), "schemas");
            refs.hoistedSchemas.forEach(schemas::set);
        }
        return tree;
    }

    /** In-place walk of the main tree: only external ref objects are replaced, nothing else is copied. */
    private void walkMain(JsonNode node, List<Object> path) {
        if (node.isObject()) {
            List<String> replace = null;
            for (var it = node.fields(); it.hasNext();) {
                var e = it.next();
                if (isExternalRef(e.getValue())) {
                    if (replace == null) replace = new ArrayList<>();
                    replace.add(e.getKey());
                } else if (e.getValue().isContainerNode()) {
                    path.add(e.getKey());
                    walkMain(e.getValue(), path);
                    path.remove(path.size() - 1);
                }
            }
            if (replace != null) {
                for (String key : replace) {
                    path.add(key);
                    ((ObjectNode) node).set(key, reference(node.get(key), main, mainFile, path));
                    path.remove(path.size() - 1);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode child = node.get(i);
                path.add(i);
                if (isExternalRef(child)) {
                    ((ArrayNode) node).set(i, reference(child, main, mainFile, path));
                } else if (child.isContainerNode()) {
                    walkMain(child, path);
                }
                path.remove(path.size() - 1);
            }
        }
    }

    private static boolean isExternalRef(JsonNode node) {
        if (!node.isObject()) return false;
        JsonNode ref = node.get("$ref");
        return ref != null && ref.isTextual() && !ref.asText().startsWith("#");
    }

    /** A copy of {@code node} (from {@code document}) with every ref bundled. */
    private JsonNode copy(JsonNode node, String document, List<Object> path) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) return reference(node, document, document, path);
            ObjectNode out = NODES.objectNode();
            for (var it = node.fields(); it.hasNext();) {
                var e = it.next();
                path.add(e.getKey());
                out.set(e.getKey(), copy(e.getValue(), document, path));
                path.remove(path.size() - 1);
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                out.add(copy(node.get(i), document, path));
                path.remove(path.size() - 1);
            }
            return out;
        }
        return node;
    }

    /** The replacement for ref object {@code refNode} sitting at {@code path} in {@code document}. */
    private JsonNode reference(JsonNode refNode, String document, String file, List<Object> path) {
        String ref = refNode.get("$ref").asText();
        RefTarget target;
        try {
            target = RefTarget.of(ref, document);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw RefErrors.unresolved(file, JsonPointers.pointer(path), ref, "not a valid URI reference", e);
        }
        JsonNode replacement;
        if (target.document().equals(main)) {
            replacement = local(target, refNode);
            if (replacement == refNode) return refNode;
        } else {
            replacement = external(target, ref, file, path);
        }
        return withSiblings(replacement, refNode);
    }

    private JsonNode local(RefTarget target, JsonNode refNode) {
        String local = "#" + target.pointer();
        if (refNode.get("$ref").asText().equals(local)) return refNode;
        return NODES.objectNode().put("$ref", local);
    }

    private JsonNode external(RefTarget target, String ref, String file, List<Object> path) {
        String key = target.toString();
        if (hoisted.containsKey(key)) return localSchemaRef(hoisted.get(key));
        if (inProgress.contains(key)) return hoist(target, key, ref, file, path);
        JsonNode done = bundled.get(key);
        if (done != null) return done.deepCopy();
        JsonNode raw = resolve(target, ref, file, path);
        inProgress.add(key);
        JsonNode result;
        try {
            result = copy(raw, target.document(), pointerSegments(target.pointer()));
        } finally {
            inProgress.remove(key);
        }
        bundled.put(key, result);
        return result.deepCopy();
    }

    /** Recursion across files: the target becomes {@code components.schemas.<name>} of the main document. */
    private JsonNode hoist(RefTarget target, String key, String ref, String file, List<Object> path) {
        JsonNode raw = resolve(target, ref, file, path);
        if (pureRefLoop(target, ref, file, path)) {
            throw RefErrors.unresolved(file, JsonPointers.pointer(path), ref,
                    "circular $ref chain through " + String.join(" -> ", inProgress), null);
        }
        String name = hoistName(target);
        hoisted.put(key, name);
        hoistedSchemas.put(name, copy(raw, target.document(), pointerSegments(target.pointer())));
        return localSchemaRef(name);
    }

    /** True when following {@code target} through ref-only objects comes back to a target already seen. */
    private boolean pureRefLoop(RefTarget target, String ref, String file, List<Object> path) {
        Set<String> seen = new HashSet<>();
        RefTarget current = target;
        while (seen.add(current.toString())) {
            JsonNode raw = resolve(current, ref, file, path);
            JsonNode next = raw.get("$ref");
            if (next == null || !next.isTextual()) return false;
            try {
                current = RefTarget.of(next.asText(), current.document());
            } catch (URISyntaxException | IllegalArgumentException e) {
                return false;
            }
            if (current.document().equals(main)) return false;
        }
        return true;
    }

    private JsonNode resolve(RefTarget target, String ref, String file, List<Object> path) {
        JsonNode doc = documents.get(target.document());
        if (doc == null) {
            try {
                doc = loader.load(target.document());
            } catch (OcliException e) {
                throw RefErrors.unresolved(file, JsonPointers.pointer(path), ref, e.getMessage(), e);
            }
            documents.put(target.document(), doc);
        }
        JsonNode node = target.pointer().isEmpty() ? doc : doc.at(target.pointer());
        if (node.isMissingNode()) {
            throw RefErrors.unresolved(file, JsonPointers.pointer(path), ref,
                    "no node at #" + target.pointer() + " in " + target.document(), null);
        }
        return node;
    }

    private String hoistName(RefTarget target) {
        String doc = target.document().replaceAll("[?#].*$", "");
        String base = doc.substring(doc.lastIndexOf('/') + 1).replaceFirst("\\.(ya?ml|json)$", "");
        String tail = target.pointer().isEmpty() ? "" : "_" + target.pointer().substring(target.pointer().lastIndexOf('/') + 1);
        String name = (base + tail).replaceAll("[^A-Za-z0-9._-]", "_");
        JsonNode existing = mainTree.path("components").path("schemas");
        String unique = name;
        for (int n = 2; existing.has(unique) || hoistedNames.contains(unique); n++) unique = name + "_" + n;
        hoistedNames.add(unique);
        return unique;
    }

    private static JsonNode withSiblings(JsonNode replacement, JsonNode refNode) {
        if (refNode.size() == 1 || !replacement.isObject()) return replacement;
        ObjectNode out = ((ObjectNode) replacement).deepCopy();
        for (var it = refNode.fields(); it.hasNext();) {
            var e = it.next();
            if (!e.getKey().equals("$ref")) out.set(e.getKey(), e.getValue());
        }
        // A local ref keeps its own $ref; siblings only describe it (OpenAPI 3.1 summary/description).
        return out;
    }

    private static JsonNode localSchemaRef(String name) {
        return NODES.objectNode().put("$ref", "#/components/schemas/" + JsonPointers.escape(name));
    }

    private static ObjectNode objectAt(ObjectNode parent, String field) {
        JsonNode child = parent.get(field);
        if (child instanceof ObjectNode o) return o;
        ObjectNode created = NODES.objectNode();
        parent.set(field, created);
        return created;
    }

    private static List<Object> pointerSegments(String pointer) {
        List<Object> out = new ArrayList<>();
        if (pointer.isEmpty()) return out;
        for (String s : pointer.substring(1).split("/", -1)) out.add(s.replace("~1", "/").replace("~0", "~"));
        return out;
    }

    private static String normalize(String location) {
        try {
            return RefTarget.canonical(new java.net.URI(location));
        } catch (URISyntaxException e) {
            return location;
        }
    }
}
