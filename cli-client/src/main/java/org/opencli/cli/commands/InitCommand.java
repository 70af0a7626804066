package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.init.ApiDocument;
import org.opencli.cli.init.InitReport;
import org.opencli.cli.init.McpServerSpec;
import org.opencli.cli.init.StarterConfig;
import org.opencli.cli.output.OutputWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocli init <openapi-url-or-file>}: checks the document with the engine, writes a starter
 * {@code .cli.json} and says what the service needs: its tool count, the security schemes its
 * operations use and the {@code secrets} entries that would serve them. With {@code --type mcp} the
 * source is an MCP server (a stdio command or an HTTP URL) whose tools the engine lists the same
 * way. Needs no runtime.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Check an OpenAPI description or an MCP server and write a starter .cli.json for it.",
                "Prints the tool count, the auth schemes the operations use and the secrets they need."},
        footerHeading = "%nExamples:%n",
        footer = {"  ocli init ./tickets.yaml", "  ocli init https://api.example.com/openapi.json --output=project/.cli.json",
                "  ocli init --type mcp --transport stdio --command npx --args -y @modelcontextprotocol/server-everything",
                "  ocli init --type=mcp --transport=streamable-http --url=http://127.0.0.1:3001/mcp --name=everything"})
public class InitCommand extends BaseCommand {
    static final java.util.List<String> TYPES = java.util.List.of("openapi", "mcp");

    @Parameters(paramLabel = "OPENAPI", arity = "0..1", description = "OpenAPI document: a file path or an http(s) URL (not with --type mcp).")
    String document;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "openapi", completionCandidates = Types.class,
            description = "openapi (default: the OPENAPI document) or mcp (an MCP server: --transport and its options).")
    String type;

    @Option(names = "--name", paramLabel = "ID",
            description = "With --type mcp: the source and service id (default: the server program's name, or the URL's host).")
    String name;

    @Mixin
    McpServerOptions mcp;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = ".cli.json", description = "Where to write (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Override
    public Integer call() {
        Path cwd = session().resolver().cwd().toAbsolutePath();
        Path target = cwd.resolve(output).toAbsolutePath().normalize();
        McpServerSpec server = checkedArguments();
        if (Files.exists(target) && !force) {
            throw new CliException(ExitCodes.USAGE, "file_exists", "Refusing to overwrite",
                    target + " already exists (use --force to replace it)");
        }
        if (server != null) return initMcp(target, server);
        ApiDocument doc = ApiDocument.read(document, cwd);
        String serviceId = doc.serviceId();
        ObjectNode config = StarterConfig.of(serviceId, sourceUri(doc, target));
        InitReport report;
        try {
            Files.createDirectories(target.getParent());
            report = InitReport.check(config, serviceId, target.getParent());
            Files.writeString(target, OutputWriter.json(config) + "\n");
        } catch (IOException e) {
            throw writeFailed(target, e);
        }
        output().writeStatus(report.json(target, doc.location()), report.text(target));
        return 0;
    }

    /** The MCP server for {@code --type mcp}, null for an OpenAPI document; a usage error for options that do not fit. */
    private McpServerSpec checkedArguments() {
        if ("mcp".equals(type)) {
            if (document != null) {
                throw usage("--type mcp takes no document (" + document + "): describe the server with --transport and its options");
            }
            if (name != null) ConfigEditCommand.requireName("--name", name);
            return mcp.spec();
        }
        if (!"openapi".equals(type)) throw usage("--type " + type + " is not one of " + String.join(", ", TYPES));
        if (document == null) throw usage("missing the OPENAPI document (a file path or an http(s) URL), or give --type mcp");
        if (mcp.any() || name != null) {
            throw usage("--name, --transport, --command, --args, --env, --url, --header and --header-secret apply to --type mcp only");
        }
        return null;
    }

    /** An {@code mcp} source over {@code server}; its tools listed by the engine before anything is written. */
    private Integer initMcp(Path target, McpServerSpec server) {
        String serviceId = name != null ? name : server.defaultServiceId();
        ObjectNode config = StarterConfig.mcp(serviceId, server.transportJson());
        InitReport report;
        try {
            Files.createDirectories(target.getParent());
            report = InitReport.checkMcp(config, serviceId, server, target.getParent());
            Files.writeString(target, OutputWriter.json(config) + "\n");
        } catch (IOException e) {
            throw writeFailed(target, e);
        }
        output().writeStatus(report.json(target, server.location()), report.text(target));
        return 0;
    }

    private static CliException usage(String detail) {
        return new CliException(ExitCodes.USAGE, "invalid_arguments", "Invalid arguments", detail);
    }

    private static CliException writeFailed(Path target, IOException e) {
        return new CliException(ExitCodes.INTERNAL, "write_failed", "Cannot write config", target + ": " + e.getMessage());
    }

    /** Shell completion and help list the source types init writes. */
    static final class Types implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TYPES.iterator();
        }
    }

    /** URLs as given; files relative to the config's directory, which is what relative refs resolve against. */
    private static String sourceUri(ApiDocument doc, Path target) {
        if (doc.remote()) return doc.location();
        return target.getParent().relativize(Path.of(doc.location())).toString();
    }
}
