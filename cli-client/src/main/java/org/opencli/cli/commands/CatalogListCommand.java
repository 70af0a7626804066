package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencli.cli.catalog.CatalogView;
import org.opencli.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocli catalog list}: the selected view's tools. JSON/YAML print the runtime's whole
 * {@code {catalog, view}} answer unchanged, so CI can compare it with an expected catalog.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo catalog list", "  ocli --demo catalog list --all --format json"},
        description = "List the tools of the selected view (json/yaml: the whole {catalog, view} answer).")
public class CatalogListCommand extends BaseCommand {
    @Option(names = "--all", description = "Include hidden tools in the table.")
    boolean all;

    @Override
    public Integer call() {
        CatalogView catalog = session().catalog();
        output().write(catalog.response(), () -> {
            Table table = new Table("ID", "COMMAND", "METHOD", "PATH", "SUMMARY");
            for (JsonNode tool : catalog.tools()) {
                if (!all && CatalogView.hidden(tool)) continue;
                table.row(tool.path("id").asText(), catalog.commandPath(tool), tool.path("method").asText(),
                        tool.path("path").asText(), tool.path("summary").asText(""));
            }
            return table;
        });
        return 0;
    }
}
