package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.config.ConfigFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ocli config remove-source NAME}: the source and the services over it. */
@Command(name = "remove-source", mixinStandardHelpOptions = true,
        description = {"Remove a source from the project config, with the services that use it.",
                "The result is validated like 'ocli config validate' before it is written; an invalid result is not written."},
        footerHeading = "%nExample:%n",
        footer = {"  ocli config remove-source tickets"})
public class ConfigRemoveSourceCommand extends ConfigEditCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Source name (a key under 'sources').")
    String name;

    @Override
    public Integer call() {
        return edit(this::removeFrom);
    }

    private String removeFrom(ConfigFile file) {
        JsonNode sources = file.root().path("sources");
        if (!sources.has(name)) {
            List<String> names = new ArrayList<>();
            sources.fieldNames().forEachRemaining(names::add);
            String mcp = file.root().path("mcpServers").has(name)
                    ? "; '" + name + "' is an MCP server: edit mcpServers." + name + " instead" : "";
            throw new CliException(ExitCodes.NOT_FOUND, "unknown_source", "Unknown source",
                    "no source '" + name + "' in " + file.path() + " ("
                            + (names.isEmpty() ? "it has none" : "its sources: " + String.join(", ", names)) + ")" + mcp);
        }
        ((ObjectNode) sources).remove(name);
        List<String> removedServices = new ArrayList<>();
        if (file.root().get("services") instanceof ObjectNode services) {
            services.fields().forEachRemaining(e -> {
                if (name.equals(e.getValue().path("source").asText(null))) removedServices.add(e.getKey());
            });
            services.remove(removedServices);
            if (services.isEmpty() && !removedServices.isEmpty()) file.root().remove("services");
        }
        return "removed source '" + name + "'" + (removedServices.isEmpty() ? ""
                : " and the service" + (removedServices.size() == 1 ? " '" : "s '") + String.join("', '", removedServices)
                        + "' over it");
    }
}
