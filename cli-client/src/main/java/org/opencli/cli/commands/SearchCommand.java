package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.opencli.cli.catalog.CatalogView;
import org.opencli.cli.catalog.ToolFilter;
import org.opencli.cli.output.Table;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ocli search <text>}: tools of the selected view whose id, command, summary, group, tags or aliases match. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Find tools by text (case-insensitive over id, command, summary, group, tags and aliases).",
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo search item", "  ocli --demo search --service shop order --format json"})
public class SearchCommand extends BaseCommand {
    @Mixin
    ServiceFilterOption service;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "Text to look for; several words must all match.")
    String[] words;

    @Override
    public Integer call() {
        CatalogView catalog = session().catalog();
        ArrayNode matches = Json.MAPPER.createArrayNode();
        for (JsonNode tool : new ToolFilter(service.service, null, null).select(catalog)) {
            if (matches(catalog, tool)) {
                ObjectNode hit = matches.addObject();
                hit.put("id", tool.path("id").asText());
                hit.put("command", catalog.commandPath(tool));
                hit.put("method", tool.path("method").asText());
                hit.put("path", tool.path("path").asText());
                hit.put("summary", tool.path("summary").asText(""));
            }
        }
        output().write(matches, () -> {
            Table table = new Table("ID", "COMMAND", "METHOD", "PATH", "SUMMARY");
            matches.forEach(m -> table.row(m.path("id").asText(), m.path("command").asText(), m.path("method").asText(),
                    m.path("path").asText(), m.path("summary").asText()));
            return table;
        });
        return 0;
    }

    private boolean matches(CatalogView catalog, JsonNode tool) {
        StringBuilder haystack = new StringBuilder()
                .append(tool.path("id").asText()).append('\n')
                .append(catalog.commandPath(tool)).append('\n')
                .append(tool.path("summary").asText("")).append('\n')
                .append(tool.path("group").asText("")).append('\n');
        tool.path("tags").forEach(t -> haystack.append(t.asText()).append('\n'));
        tool.path("aliases").forEach(a -> haystack.append(a.asText()).append('\n'));
        String text = haystack.toString().toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (!text.contains(word.toLowerCase(Locale.ROOT))) return false;
        }
        return true;
    }
}
