package org.opencli.cli.dynamic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencli.core.execution.PathSegments;

/**
 * A call's path as the runtime will send it: the tool's template with each path argument in its
 * style, percent-encoded ({@code /tickets/{ticketId}} with {@code a/b} is {@code /tickets/a%2Fb}).
 * Shown in the approval prompt, so a person approves the request, not its template.
 */
final class ConcretePath {
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    private ConcretePath() {
    }

    /** {@code METHOD /path}; a placeholder without an argument stays as written. */
    static String request(JsonNode tool, List<String> pathArgs) {
        return tool.path("method").asText().toUpperCase(java.util.Locale.ROOT) + " " + path(tool, pathArgs);
    }

    static String path(JsonNode tool, List<String> pathArgs) {
        JsonNode params = tool.path("pathParams");
        Matcher m = TEMPLATE.matcher(tool.path("path").asText());
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            // pathParams are in template order, as the runtime fills them
            if (i < pathArgs.size()) {
                JsonNode p = params.path(i);
                String segment = PathSegments.scalar(p.path("style").asText(null), p.path("originalName").asText(m.group(1)),
                        pathArgs.get(i));
                m.appendReplacement(out, Matcher.quoteReplacement(segment));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            }
            i++;
        }
        m.appendTail(out);
        return out.toString();
    }
}
