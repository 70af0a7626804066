package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.opencli.cli.CliException;
import org.opencli.cli.ErrorReporter;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.config.ConfigFile;
import org.opencli.cli.init.DocumentCheck;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ocli config add-source NAME --type openapi --uri U [--service ID] [--alias A]}. */
@Command(name = "add-source", mixinStandardHelpOptions = true,
        description = {"Add a source to the project config (and a service over it with --service/--alias).",
                "The document is fetched and checked like 'ocli init' does, and the result validated like",
                "'ocli config validate', before anything is written; a missing or invalid document is not added."},
        footerHeading = "%nExamples:%n",
        footer = {"  ocli config add-source tickets --type openapi --uri ./tickets.yaml",
                "  ocli config add-source billing --type=openapi \\",
                "      --uri=https://api.example.com/openapi.json --service billing --alias bill"})
public class ConfigAddSourceCommand extends ConfigEditCommand {
    static final List<String> TYPES = List.of("openapi", "serviceRoot", "apiCatalog");

    @Parameters(index = "0", paramLabel = "NAME", description = "Source name (the key under 'sources').")
    String name;

    @Option(names = "--type", required = true, paramLabel = "TYPE", completionCandidates = SourceTypes.class,
            description = "openapi (a document), serviceRoot (RFC 8631) or apiCatalog (RFC 9727).")
    String type;

    @Option(names = "--uri", required = true, paramLabel = "URI",
            description = "File path (relative to the config's directory), file:// or http(s) URL.")
    String uri;

    @Option(names = "--service", paramLabel = "ID", description = "Also add services.ID over this source.")
    String service;

    @Option(names = "--alias", paramLabel = "ALIAS",
            description = "The service's command word (with no --service, the service is named after the source).")
    String alias;

    @Override
    public Integer call() {
        if (!TYPES.contains(type)) {
            String hint = "mcp".equals(type) ? " (an MCP server needs a transport: add it under 'mcpServers', see docs/configuration.md)" : "";
            throw new CliException(ExitCodes.USAGE, "invalid_arguments", "Invalid source type",
                    "--type " + type + " is not one of " + String.join(", ", TYPES) + hint);
        }
        requireName("NAME", name);
        if (service != null) requireName("--service", service);
        if (alias != null) requireName("--alias", alias);
        return edit(this::addTo);
    }

    /** The new source's document, checked by the engine as every catalog command will read it. */
    @Override
    void verify(Path configDir) {
        try {
            DocumentCheck.source(name, type, uri, configDir);
        } catch (OcliException e) {
            Problem problem = e.toProblem();
            throw new CliException(ExitCodes.USAGE, "invalid_source_document", problem.title() + " (source '" + name + "' --uri " + uri + " not added)",
                    ErrorReporter.withoutTitle(problem), problem.errors() == null ? List.of() : problem.errors());
        }
    }

    private String addTo(ConfigFile file) {
        ObjectNode sources = file.section("sources");
        if (sources.has(name)) {
            throw new CliException(ExitCodes.USAGE, "source_exists", "Source exists",
                    "source '" + name + "' is already in " + file.path() + " (remove it first: ocli config remove-source " + name + ")");
        }
        sources.putObject(name).put("type", type).put("uri", uri);
        String serviceId = service != null ? service : alias != null ? name : null;
        if (serviceId == null) return "added source '" + name + "' (" + type + ")";
        ObjectNode services = file.section("services");
        if (services.has(serviceId)) {
            throw new CliException(ExitCodes.USAGE, "service_exists", "Service exists",
                    "service '" + serviceId + "' is already in " + file.path() + " (over source '"
                            + services.path(serviceId).path("source").asText("?") + "'); choose another --service");
        }
        ObjectNode entry = services.putObject(serviceId).put("source", name);
        if (alias != null) entry.put("alias", alias);
        return "added source '" + name + "' (" + type + ") and service '" + serviceId + "'"
                + (alias != null ? " (alias '" + alias + "')" : "");
    }

    /** Shell completion and help list the types a source may have here. */
    static final class SourceTypes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TYPES.iterator();
        }
    }
}
