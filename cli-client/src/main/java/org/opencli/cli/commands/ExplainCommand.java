package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencli.cli.catalog.CatalogView;
import org.opencli.cli.catalog.SchemaSummary;
import org.opencli.cli.catalog.ToolText;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ocli explain <tool-id | service group command>}: when and how to use a tool. Leads with the
 * skill guidance when the catalog has some; otherwise describes the tool from its own fields.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain a tool: guidance, inputs, safety, auth.",
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo explain shop:getItem", "  ocli --demo explain shop items get-item"})
public class ExplainCommand extends BaseCommand {
    @Mixin
    ToolWords words;

    @Override
    public Integer call() {
        CatalogView catalog = session().catalog();
        JsonNode tool = words.find(catalog);
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("id", tool.path("id").asText());
        data.put("command", catalog.commandPath(tool));
        for (String field : new String[] {"summary", "description", "method", "path", "guidance", "pathParams", "flags",
                "requestBody", "safety", "authAlternatives"}) {
            if (tool.hasNonNull(field)) data.set(field, tool.get(field));
        }
        output().writeText(data, () -> text(catalog, tool));
        return 0;
    }

    private static String text(CatalogView catalog, JsonNode tool) {
        StringBuilder sb = new StringBuilder();
        sb.append(tool.path("id").asText()).append("  (ocli ").append(catalog.commandPath(tool)).append(")\n");
        sb.append("  ").append(tool.path("method").asText()).append(' ').append(tool.path("path").asText()).append('\n');
        line(sb, "  ", tool.path("summary").asText(""));
        JsonNode guidance = tool.path("guidance");
        if (guidance.isObject() && !guidance.isEmpty()) {
            list(sb, "When to use", guidance.path("whenToUse"));
            list(sb, "Avoid when", guidance.path("avoidWhen"));
            if (guidance.path("examples").size() > 0) {
                sb.append("\nExamples:\n");
                for (JsonNode ex : guidance.path("examples")) {
                    sb.append("  ").append(ex.path("goal").asText()).append('\n');
                    sb.append("    $ ").append(ex.path("command").asText()).append('\n');
                }
            }
        } else {
            String description = tool.path("description").asText("");
            if (!description.isBlank()) sb.append('\n').append(description.strip()).append('\n');
        }
        sb.append("\nInputs:\n");
        int inputs = 0;
        for (JsonNode p : tool.path("pathParams")) {
            sb.append("  ").append(ToolText.param(p, false)).append('\n');
            inputs++;
        }
        for (JsonNode f : tool.path("flags")) {
            sb.append("  ").append(ToolText.param(f, true)).append('\n');
            inputs++;
        }
        String body = ToolText.requestBody(tool);
        if (body != null) {
            sb.append("  body: ").append(body).append('\n');
            SchemaSummary.bodyFields(tool).forEach(field -> sb.append("  ").append(field).append('\n'));
            inputs++;
        }
        if (inputs == 0) sb.append("  none\n");
        sb.append("\nSafety: ").append(ToolText.safety(tool)).append('\n');
        sb.append("Auth: ").append(ToolText.auth(tool)).append('\n');
        return sb.toString();
    }

    private static void list(StringBuilder sb, String title, JsonNode items) {
        if (items.size() == 0) return;
        sb.append('\n').append(title).append(":\n");
        items.forEach(i -> sb.append("  - ").append(i.asText()).append('\n'));
    }

    private static void line(StringBuilder sb, String indent, String text) {
        if (!text.isBlank()) sb.append(indent).append(text).append('\n');
    }
}
