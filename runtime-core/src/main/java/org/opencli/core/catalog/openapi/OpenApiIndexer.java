package org.opencli.core.catalog.openapi;

import static org.opencli.core.catalog.openapi.SecurityIndexer.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencli.core.catalog.Backend;
import org.opencli.core.catalog.RequestBody;
import org.opencli.core.catalog.Safety;
import org.opencli.core.catalog.Tool;
import org.opencli.core.catalog.ToolParameter;
import org.opencli.core.catalog.ToolSchemas;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * Raw OpenAPI 3.0/3.1 tree (overlays already applied) → tools, by the derivation rules of
 * CONTRACT.md §3. Works on the Jackson tree directly: schemas are emitted as written (with their
 * {@code $ref}s), which keeps output stable and cheap even for recursive or very large documents.
 */
public final class OpenApiIndexer {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    private final String serviceId;
    private final String sourceId;
    private final JsonNode doc;
    private final String location;
    private final SecurityIndexer security;
    private final Refs refs;
    private final ValueShapes shapes;
    private final SchemaRefClosure refClosure;

    private OpenApiIndexer(String serviceId, String sourceId, JsonNode doc, String location, Refs refs) {
        this.refs = refs;
        this.shapes = new ValueShapes(refs);
        this.refClosure = new SchemaRefClosure(doc);
        this.serviceId = serviceId;
        this.sourceId = sourceId;
        this.doc = doc;
        this.location = location;
        this.security = new SecurityIndexer(doc, refs);
    }

    /**
     * @param doc the bundled document ({@link ExternalRefs}), overlays applied
     * @throws OcliException {@code invalid_openapi}, {@code unresolved_ref} or {@code duplicate_tool_id} (kind CONFIG)
     */
    public static IndexedDocument index(String serviceId, String sourceId, JsonNode doc, String location) {
        Refs refs = new Refs(doc, location);
        OpenApiValidator.validate(doc, location, refs);
        return new OpenApiIndexer(serviceId, sourceId, doc, location, refs).index();
    }

    /** The service id for a source that no service names: first path segment → slug(title) → slug(file name). */
    public static String deriveServiceId(JsonNode doc, String location) {
        for (var it = doc.path("paths").fieldNames(); it.hasNext();) {
            String segment = firstLiteralSegment(it.next());
            if (segment != null && !Names.slug(segment).isEmpty()) return Names.slug(segment);
        }
        String title = doc.path("info").path("title").asText("");
        if (!Names.slug(title).isEmpty()) return Names.slug(title);
        String name = location.replaceAll("[?#].*$", "").replaceAll("/+$", "");
        name = name.substring(name.lastIndexOf('/') + 1).replaceFirst("\\.(ya?ml|json)$", "").replaceFirst("\\.openapi$", "");
        return Names.slug(name).isEmpty() ? "service" : Names.slug(name);
    }

    private IndexedDocument index() {
        List<String> docServers = Servers.urls(doc.get("servers"), location);
        List<Tool> tools = new ArrayList<>();
        List<IgnoredOperation> ignored = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (var paths = doc.path("paths").fields(); paths.hasNext();) {
            var p = paths.next();
            String path = p.getKey();
            JsonNode item = refs.resolve(p.getValue(), () -> JsonPointers.pointer(List.of("paths", path)));
            for (var ops = item.fields(); ops.hasNext();) {
                var o = ops.next();
                String method = o.getKey().toLowerCase(Locale.ROOT);
                if (!METHODS.contains(method) || !o.getValue().isObject()) continue;
                JsonNode op = o.getValue();
                if (op.path("x-cli-ignore").asBoolean(false)) {
                    ignored.add(new IgnoredOperation(serviceId, text(op, "operationId"), method.toUpperCase(Locale.ROOT), path));
                    continue;
                }
                Tool tool = tool(path, method, item, op, docServers);
                String where = tool.method() + " " + path;
                String previous = seen.putIfAbsent(tool.id(), where);
                if (previous != null) {
                    throw new OcliException(ErrorKind.CONFIG, "duplicate_tool_id", "Duplicate tool id",
                            location + ": tool id " + tool.id() + " is derived from both " + previous + " and " + where);
                }
                tools.add(tool);
            }
        }
        return new IndexedDocument(text(doc.path("info"), "title"), docServers, CommandWords.withGroupPrefixAliases(tools), ignored);
    }

    private Tool tool(String path, String method, JsonNode item, JsonNode op, List<String> docServers) {
        String operationId = text(op, "operationId");
        String id = operationId != null ? serviceId + ":" + operationId : serviceId + ":" + method + ":" + path;
        Map<String, JsonNode> params = mergedParameters(item, op, path, method);
        List<String> servers = op.has("servers") ? Servers.urls(op.get("servers"), location)
                : item.has("servers") ? Servers.urls(item.get("servers"), location) : docServers;
        String description = text(op, "x-cli-description") != null ? text(op, "x-cli-description") : text(op, "description");
        List<ToolParameter> pathParams = pathParams(path, params);
        List<ToolParameter> flags = flags(params);
        RequestBody body = requestBody(op, path, method);
        return new Tool(id, serviceId, operationId, method.toUpperCase(Locale.ROOT), path,
                CommandWords.group(op, path), CommandWords.command(op, operationId, method, path), CommandWords.aliases(op),
                text(op, "summary"), description, op.path("x-cli-hidden").asBoolean(false),
                pathParams, flags, body, security.alternatives(op),
                safety(method, op.get("x-cli-safety")), op.get("x-cli-output"), op.get("x-cli-pagination"),
                op.get("x-cli-retry"), null, servers, new Backend("openapi", sourceId),
                schemas(pathParams, flags, body));
    }

    /** The ref targets every parameter and body schema of one tool reaches (see {@link ToolSchemas}). */
    private ToolSchemas schemas(List<ToolParameter> pathParams, List<ToolParameter> flags, RequestBody body) {
        List<JsonNode> roots = new ArrayList<>();
        pathParams.forEach(p -> roots.add(p.schema()));
        flags.forEach(p -> roots.add(p.schema()));
        if (body != null) body.contentTypes().forEach(c -> roots.add(c.schema()));
        return new ToolSchemas(text(doc, "openapi"), refClosure.targets(roots));
    }

    /** Path-level parameters first, then operation-level ones replacing any with the same name+in. */
    private Map<String, JsonNode> mergedParameters(JsonNode item, JsonNode op, String path, String method) {
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        for (JsonNode source : new JsonNode[] {item.get("parameters"), op.get("parameters")}) {
            if (source == null || !source.isArray()) continue;
            for (JsonNode raw : source) {
                JsonNode p = refs.resolve(raw, () -> JsonPointers.pointer(List.of("paths", path, method, "parameters")));
                if (text(p, "name") == null || text(p, "in") == null) continue;
                merged.put(text(p, "in") + ":" + text(p, "name"), p);
            }
        }
        return merged;
    }

    private List<ToolParameter> pathParams(String path, Map<String, JsonNode> params) {
        List<ToolParameter> out = new ArrayList<>();
        Matcher m = TEMPLATE.matcher(path);
        while (m.find()) {
            String name = m.group(1);
            JsonNode p = params.get("path:" + name);
            out.add(p != null ? parameter(p, true) : new ToolParameter(Names.kebab(name), name, "path", true, null, null));
        }
        return out;
    }

    private List<ToolParameter> flags(Map<String, JsonNode> params) {
        List<ToolParameter> out = new ArrayList<>();
        for (JsonNode p : params.values()) {
            String in = text(p, "in");
            if (in.equals("query") || in.equals("header") || in.equals("cookie")) out.add(parameter(p, false));
        }
        return out;
    }

    private ToolParameter parameter(JsonNode p, boolean isPath) {
        String original = text(p, "name");
        String name = text(p, "x-cli-name") != null ? text(p, "x-cli-name") : Names.kebab(original);
        if (name.isEmpty()) name = original;
        return new ToolParameter(name, original, text(p, "in"), isPath || p.path("required").asBoolean(false),
                text(p, "description"), p.get("schema"), text(p, "style"),
                p.has("explode") ? p.get("explode").asBoolean() : null, shapes.of(p));
    }

    private RequestBody requestBody(JsonNode op, String path, String method) {
        if (!op.has("requestBody")) return null;
        JsonNode body = refs.resolve(op.get("requestBody"), () -> JsonPointers.pointer(List.of("paths", path, method, "requestBody")));
        List<RequestBody.ContentType> types = new ArrayList<>();
        for (var it = body.path("content").fields(); it.hasNext();) {
            var e = it.next();
            types.add(new RequestBody.ContentType(e.getKey(), e.getValue().get("schema")));
        }
        return new RequestBody(body.path("required").asBoolean(false), text(body, "description"), types);
    }

    /** GET read-only + idempotent, DELETE destructive + idempotent, PUT idempotent; x-cli-safety overrides. */
    private static Safety safety(String method, JsonNode ext) {
        boolean destructive = method.equals("delete");
        boolean readOnly = method.equals("get");
        boolean idempotent = method.equals("get") || method.equals("delete") || method.equals("put");
        boolean approval = false;
        if (ext != null && ext.isObject()) {
            destructive = ext.path("destructive").asBoolean(destructive);
            readOnly = ext.path("readOnly").asBoolean(readOnly);
            idempotent = ext.path("idempotent").asBoolean(idempotent);
            approval = ext.path("requiresApproval").asBoolean(approval);
        }
        return new Safety(destructive, readOnly, approval, idempotent);
    }

    static String firstLiteralSegment(String path) {
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && !segment.contains("{")) return segment;
        }
        return null;
    }
}
