package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencli.cli.catalog.CatalogView;
import org.opencli.cli.catalog.ToolFilter;
import org.opencli.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocli catalog list}: the selected view's tools. JSON/YAML print the runtime's whole
 * {@code {catalog, view}} answer unchanged, so CI can compare it with an expected catalog; filters
 * narrow only {@code view.tools}.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the tools of the selected view (json/yaml: the whole {catalog, view} answer).",
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo catalog list",
                "  ocli --demo catalog list --service shop --group items",
                "  ocli --demo catalog list --safety destructive",
                "  ocli --demo catalog list --all --format json"})
public class CatalogListCommand extends BaseCommand {
    @Option(names = "--all", description = "Include hidden tools in the table.")
    boolean all;

    @Mixin
    ServiceFilterOption service;

    @Option(names = "--group", paramLabel = "GROUP", description = "Only tools of this group.")
    String group;

    @Option(names = "--safety", paramLabel = "SAFETY", completionCandidates = SafetyWords.class,
            description = "Only tools that are read-only, destructive or requires-approval.")
    String safety;

    /** The values --safety takes, for shell completion. */
    static final class SafetyWords implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(ToolFilter.SafetyClass.values()).map(ToolFilter.SafetyClass::word).iterator();
        }
    }

    @Override
    public Integer call() {
        ToolFilter filter = new ToolFilter(service.service, group, ToolFilter.SafetyClass.of(safety));
        CatalogView catalog = session().catalog();
        List<JsonNode> tools = filter.select(catalog);
        output().write(filter.isEmpty() ? catalog.response() : narrowed(catalog.response(), tools), () -> {
            Table table = new Table("ID", "COMMAND", "METHOD", "PATH", "SUMMARY");
            for (JsonNode tool : tools) {
                if (!all && CatalogView.hidden(tool)) continue;
                table.row(tool.path("id").asText(), catalog.commandPath(tool), tool.path("method").asText(),
                        tool.path("path").asText(), tool.path("summary").asText(""));
            }
            return table;
        });
        return 0;
    }

    /** The answer with {@code view.tools} cut to the filtered ones; the catalog itself stays whole. */
    private static JsonNode narrowed(JsonNode response, List<JsonNode> tools) {
        ObjectNode copy = response.deepCopy();
        ((ObjectNode) copy.path("view")).putArray("tools").addAll(tools);
        return copy;
    }
}
