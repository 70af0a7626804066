package org.opencli.core.catalog.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.ProblemItem;

/**
 * The structural checks the indexer relies on, reported together as one {@code invalid_openapi}
 * with a located item per problem (what, where as {@code $.paths['/x'].get}, what was expected),
 * instead of a confusing failure later. Everything the indexer can work around is tolerated (see
 * docs/catalog.md, "Validation"): this is not a full OpenAPI schema validation.
 */
public final class OpenApiValidator {
    // A list, not Set.of: problems must come out in the same order on every run.
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private static final Set<String> LOCATIONS = Set.of("path", "query", "header", "cookie");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    private final JsonNode doc;
    private final String file;
    private final Refs refs;
    private final List<ProblemItem> problems = new ArrayList<>();

    private OpenApiValidator(JsonNode doc, String file, Refs refs) {
        this.doc = doc;
        this.file = file;
        this.refs = refs;
    }

    /** The root must be an object with {@code openapi: "3.x"}; checked before external refs are loaded. */
    public static void requireHeader(JsonNode doc, String file) {
        if (doc == null || !doc.isObject()) {
            throw invalid(file, List.of(new ProblemItem(file, "$", "document is not an object",
                    "an OpenAPI 3.0 or 3.1 document (a JSON/YAML object)")));
        }
        JsonNode version = doc.get("openapi");
        if (version == null || !version.isTextual() || !version.asText().startsWith("3.")) {
            String found = version == null ? "missing" : "is " + version;
            throw invalid(file, List.of(new ProblemItem(file, "$.openapi", "\"openapi\" " + found,
                    "\"3.0.x\" or \"3.1.x\" (Swagger 2.0 is not supported)")));
        }
    }

    /** @throws OcliException {@code invalid_openapi} listing every problem found */
    public static void validate(JsonNode doc, String file) {
        requireHeader(doc, file);
        validate(doc, file, new Refs(doc, file));
    }

    static void validate(JsonNode doc, String file, Refs refs) {
        requireHeader(doc, file);
        OpenApiValidator v = new OpenApiValidator(doc, file, refs);
        v.paths();
        if (!v.problems.isEmpty()) throw invalid(file, v.problems);
    }

    private void paths() {
        JsonNode paths = doc.get("paths");
        if (paths == null) return; // 3.1 allows webhook-only documents: no tools
        if (!paths.isObject()) {
            problem(List.of("paths"), "\"paths\" is " + kind(paths), "an object keyed by path template");
            return;
        }
        for (var it = paths.fields(); it.hasNext();) {
            var e = it.next();
            List<Object> at = List.of("paths", e.getKey());
            JsonNode item = refs.resolve(e.getValue(), () -> JsonPointers.pointer(at));
            if (!item.isObject()) {
                problem(at, "path item is " + kind(item), "a Path Item object");
                continue;
            }
            String template = e.getKey();
            parameters(item.get("parameters"), concat(at, "parameters"), template);
            for (String method : METHODS) {
                JsonNode op = item.get(method);
                if (op == null) continue;
                List<Object> opAt = concat(at, method);
                if (!op.isObject()) {
                    problem(opAt, "operation is " + kind(op), "an Operation object");
                    continue;
                }
                parameters(op.get("parameters"), concat(opAt, "parameters"), template);
                JsonNode body = op.get("requestBody");
                if (body != null && !refs.resolve(body, () -> JsonPointers.pointer(concat(opAt, "requestBody"))).isObject()) {
                    problem(concat(opAt, "requestBody"), "requestBody is " + kind(body), "a Request Body object");
                }
            }
        }
    }

    private void parameters(JsonNode params, List<Object> at, String template) {
        if (params == null) return;
        if (!params.isArray()) {
            problem(at, "parameters is " + kind(params), "an array of Parameter objects");
            return;
        }
        for (int i = 0; i < params.size(); i++) {
            List<Object> pAt = concat(at, i);
            JsonNode p = refs.resolve(params.get(i), () -> JsonPointers.pointer(pAt));
            if (!p.isObject()) {
                problem(pAt, "parameter is " + kind(p), "a Parameter object");
                continue;
            }
            JsonNode name = p.get("name");
            JsonNode in = p.get("in");
            if (name == null || !name.isTextual() || name.asText().isEmpty()) {
                problem(pAt, "parameter has no \"name\"", "a non-empty string \"name\"");
            }
            if (in == null || !in.isTextual()) {
                problem(pAt, "parameter has no \"in\"", "\"in\": one of path, query, header, cookie");
            } else if (!LOCATIONS.contains(in.asText())) {
                problem(pAt, "parameter \"in\" is \"" + in.asText() + "\"", "one of path, query, header, cookie");
            } else
                if (in.asText().equals("path") && name != null && name.isTextual()
                        && !template.contains("{" + name.asText() + "}")) {
                            Set<String> names = templateNames(template);
                            problem(pAt, "path parameter \"" + name.asText() + "\" does not occur in the path template",
                                    "one of " + (names.isEmpty() ? "(none: the path has no {variables})" : names));
                        }
        }
    }

    private static Set<String> templateNames(String path) {
        Set<String> names = new java.util.LinkedHashSet<>();
        Matcher m = TEMPLATE.matcher(path);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    private void problem(List<Object> at, String message, String expected) {
        problems.add(new ProblemItem(file, JsonPointers.jsonPath(at), message, expected));
    }

    private static OcliException invalid(String file, List<ProblemItem> items) {
        String first = items.get(0).describe();
        String more = items.size() == 1 ? "" : " (and " + (items.size() - 1) + " more)";
        return new OcliException(ErrorKind.CONFIG, "invalid_openapi", "Invalid OpenAPI document",
                "Invalid OpenAPI document: " + first + more, items);
    }

    private static String kind(JsonNode n) {
        if (n.isNull()) return "null";
        if (n.isArray()) return "an array";
        if (n.isObject()) return "an object";
        return "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " (" + n + ")";
    }

    private static List<Object> concat(List<Object> base, Object next) {
        List<Object> out = new ArrayList<>(base.size() + 1);
        out.addAll(base);
        out.add(next);
        return out;
    }
}
