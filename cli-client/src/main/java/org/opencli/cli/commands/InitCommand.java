package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.init.ApiDocument;
import org.opencli.cli.init.StarterConfig;
import org.opencli.cli.output.OutputWriter;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ocli init <openapi-url-or-file>}: writes a starter {@code .cli.json}. Needs no runtime. */
@Command(name = "init", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli init examples/helpdesk.openapi.yaml --output .cli.json"},
        description = "Write a starter .cli.json for one OpenAPI description.")
public class InitCommand extends BaseCommand {
    @Parameters(paramLabel = "OPENAPI", description = "OpenAPI document: a file path or an http(s) URL.")
    String document;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = ".cli.json", description = "Where to write (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Override
    public Integer call() {
        Path cwd = Path.of("").toAbsolutePath();
        Path target = cwd.resolve(output).toAbsolutePath().normalize();
        if (Files.exists(target) && !force) {
            throw new CliException(ExitCodes.USAGE, "file_exists", "Refusing to overwrite",
                    target + " already exists (use --force to replace it)");
        }
        ApiDocument doc = ApiDocument.read(document, cwd);
        String serviceId = doc.serviceId();
        ObjectNode config = StarterConfig.of(serviceId, sourceUri(doc, target));
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, OutputWriter.json(config) + "\n");
        } catch (IOException e) {
            throw new CliException(ExitCodes.INTERNAL, "write_failed", "Cannot write config", target + ": " + e.getMessage());
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("file", target.toString());
        result.put("serviceId", serviceId);
        result.put("source", doc.location());
        output().writeStatus(result, "wrote " + target + " (service '" + serviceId + "'; try: ocli " + serviceId + " --help)");
        return 0;
    }

    /** URLs as given; files relative to the config's directory, which is what relative refs resolve against. */
    private static String sourceUri(ApiDocument doc, Path target) {
        if (doc.remote()) return doc.location();
        return target.getParent().relativize(Path.of(doc.location())).toString();
    }
}
