package org.opencli.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencli.core.catalog.Tool;
import org.opencli.core.catalog.ToolParameter;

/**
 * Turns a tool plus the caller's arguments into a {@link RequestDraft}: path args fill the
 * template as encoded segments, flags go to query/header/cookie by location, the body is encoded
 * in the tool's media type; then the whole call is checked against the tool's schemas
 * ({@link RequestValidation}). The base URL is chosen by {@link ServerSelection}, never by the caller.
 */
public final class RequestRenderer {
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    private RequestRenderer() {
    }

    public static RequestDraft render(Tool tool, ExecuteRequest request, String baseUrl) {
        RequestDraft draft = new RequestDraft(tool.method().toUpperCase(java.util.Locale.ROOT), baseUrl,
                path(tool, request.pathArgs() == null ? List.of() : request.pathArgs()));
        flags(tool, request.flags() == null ? Map.of() : request.flags(), draft);
        RequestBodies.encode(tool, request, draft);
        RequestValidation.check(tool, request, draft);
        return draft;
    }

    private static String path(Tool tool, List<String> args) {
        List<ToolParameter> params = tool.pathParams() == null ? List.of() : tool.pathParams();
        if (args.size() > params.size()) {
            throw InvalidArguments.of(tool.id() + " takes " + params.size() + " path argument(s), got " + args.size());
        }
        StringBuilder out = new StringBuilder();
        Matcher m = TEMPLATE.matcher(tool.path());
        int i = 0;
        while (m.find()) {
            // pathParams are in template order, so the i-th placeholder takes the i-th argument
            ToolParameter p = i < params.size() ? params.get(i)
                    : new ToolParameter(m.group(1), m.group(1), "path", true, null, null);
            if (i >= args.size() || args.get(i) == null) {
                throw InvalidArguments.of("missing path argument '" + p.name() + "'");
            }
            String arg = args.get(i);
            if (arg.isEmpty() || arg.equals(".") || arg.equals("..")) {
                throw InvalidArguments.of("path argument '" + p.name() + "' may not be empty, '.' or '..'"
                        + " (it would change the path, not fill a segment of it)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(ParameterStyles.path(p, TextNode.valueOf(arg))));
            i++;
        }
        m.appendTail(out);
        String path = out.toString();
        // Two placeholders in one segment ("{a}{b}") could still meet as a dot-segment: refuse that too.
        for (String segment : path.split("/", -1)) {
            if ((segment.equals(".") || segment.equals("..")) && !templateHas(tool.path(), segment)) {
                throw InvalidArguments.of("the path arguments of " + tool.id() + " make a '" + segment + "' segment");
            }
        }
        return path;
    }

    private static boolean templateHas(String template, String segment) {
        return java.util.Arrays.asList(template.split("/", -1)).contains(segment);
    }

    /** Header values must be what HTTP can carry: no CR, LF, NUL or other control character (no header injection). */
    private static String headerValue(ToolParameter f, JsonNode value) {
        String v = ParameterStyles.header(f, value);
        if (!HeaderValues.validValue(v)) {
            throw InvalidArguments.of("flag '--" + f.name() + "' may not contain line breaks, NUL or other control"
                    + " characters (or characters beyond U+00FF): a header cannot carry them");
        }
        return v;
    }

    private static void flags(Tool tool, Map<String, JsonNode> given, RequestDraft draft) {
        List<ToolParameter> flags = tool.flags() == null ? List.of() : tool.flags();
        Set<String> used = new HashSet<>();
        for (ToolParameter f : flags) {
            String key = given.containsKey(f.name()) ? f.name() : given.containsKey(f.originalName()) ? f.originalName() : null;
            JsonNode value = key == null ? null : given.get(key);
            if (value == null || value.isNull()) {
                if (f.required()) throw InvalidArguments.of("missing required flag '--" + f.name() + "'");
                continue;
            }
            used.add(key);
            switch (f.location()) {
                case "query" -> ParameterStyles.query(f, value).forEach(kv -> draft.addEncodedQuery(kv[0], kv[1]));
                case "header" -> draft.addHeader(f.originalName(), headerValue(f, value));
                case "cookie" -> ParameterStyles.cookie(f, value).forEach(kv -> draft.addCookie(kv[0], kv[1]));
                default -> throw InvalidArguments.of("flag '" + f.name() + "' has unsupported location " + f.location());
            }
        }
        for (String key : given.keySet()) {
            if (!used.contains(key)) throw InvalidArguments.of("unknown flag '" + key + "' for " + tool.id());
        }
    }
}
