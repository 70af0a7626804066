package org.opencli.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import org.opencli.core.execution.ExecuteResult;
import org.opencli.core.json.Json;

/**
 * A {@code tools/call} result → the execute answer. Text content → {@code text} (joined by
 * newlines); {@code structuredContent} → {@code body}, else, when there is other content (images,
 * resources), the whole {@code content} list as {@code body}. {@code isError} → status
 * {@value #TOOL_ERROR_STATUS}, handled as an upstream 4xx everywhere (exit code 6 in ocli), with the
 * server's message bounded and stripped of control characters.
 */
public final class McpResults {
    public static final int OK_STATUS = 200;
    public static final int TOOL_ERROR_STATUS = 422;
    static final int MAX_ERROR_TEXT = 4000;

    private McpResults() {
    }

    static ExecuteResult of(McpSchema.CallToolResult result) {
        boolean error = Boolean.TRUE.equals(result.isError());
        List<String> texts = new ArrayList<>();
        boolean other = false;
        List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
        for (McpSchema.Content c : content) {
            if (c instanceof McpSchema.TextContent t) texts.add(t.text() == null ? "" : t.text());
            else other = true;
        }
        String text = texts.isEmpty() ? null : String.join("\n", texts);
        if (error) text = McpText.bounded(text == null ? "the tool reported an error" : text, MAX_ERROR_TEXT);
        JsonNode body = null;
        if (result.structuredContent() != null) {
            body = Json.MAPPER.valueToTree(result.structuredContent());
        } else if (other) {
            ObjectNode all = Json.MAPPER.createObjectNode();
            all.set("content", Json.MAPPER.valueToTree(content));
            body = all;
        }
        return new ExecuteResult(error ? TOOL_ERROR_STATUS : OK_STATUS, body, text, null, null, 0, null);
    }
}
