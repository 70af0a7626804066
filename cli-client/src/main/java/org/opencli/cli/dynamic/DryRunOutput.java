package org.opencli.cli.dynamic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.opencli.cli.options.OutputFormat;
import org.opencli.cli.output.OutputWriter;

/**
 * A dry run's rendered request (credentials already redacted by the runtime): on the table format
 * as an HTTP-like listing ({@code METHOD URL}, headers, blank line, body), otherwise as data.
 */
final class DryRunOutput {
    private DryRunOutput() {
    }

    static void print(JsonNode request, OutputWriter writer) {
        if (writer.format() != OutputFormat.TABLE) {
            writer.write(request, null);
            return;
        }
        writer.writeText(request, () -> listing(request));
    }

    static String listing(JsonNode request) {
        StringBuilder sb = new StringBuilder();
        sb.append(request.path("method").asText()).append(' ').append(request.path("url").asText()).append('\n');
        for (Iterator<Map.Entry<String, JsonNode>> it = request.path("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> h = it.next();
            sb.append(h.getKey()).append(": ").append(h.getValue().asText()).append('\n');
        }
        if (request.hasNonNull("body")) {
            sb.append('\n').append(request.get("body").asText());
            if (!request.get("body").asText().endsWith("\n")) sb.append('\n');
        }
        return sb.toString();
    }
}
