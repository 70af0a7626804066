package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.init.ApiDocument;
import org.opencli.cli.init.InitReport;
import org.opencli.cli.init.StarterConfig;
import org.opencli.cli.output.OutputWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocli init <openapi-url-or-file>}: checks the document with the engine, writes a starter
 * {@code .cli.json} and says what the service needs: its tool count, the security schemes its
 * operations use and the {@code secrets} entries that would serve them. Needs no runtime.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Check an OpenAPI description and write a starter .cli.json for it.",
                "Prints the tool count, the auth schemes the operations use and the secrets they need."},
        footerHeading = "%nExamples:%n",
        footer = {"  ocli init ./tickets.yaml", "  ocli init https://api.example.com/openapi.json --output=project/.cli.json"})
public class InitCommand extends BaseCommand {
    @Parameters(paramLabel = "OPENAPI", description = "OpenAPI document: a file path or an http(s) URL.")
    String document;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = ".cli.json", description = "Where to write (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Override
    public Integer call() {
        Path cwd = session().resolver().cwd().toAbsolutePath();
        Path target = cwd.resolve(output).toAbsolutePath().normalize();
        if (Files.exists(target) && !force) {
            throw new CliException(ExitCodes.USAGE, "file_exists", "Refusing to overwrite",
                    target + " already exists (use --force to replace it)");
        }
        ApiDocument doc = ApiDocument.read(document, cwd);
        String serviceId = doc.serviceId();
        ObjectNode config = StarterConfig.of(serviceId, sourceUri(doc, target));
        InitReport report;
        try {
            Files.createDirectories(target.getParent());
            report = InitReport.check(config, serviceId, target.getParent());
            Files.writeString(target, OutputWriter.json(config) + "\n");
        } catch (IOException e) {
            throw new CliException(ExitCodes.INTERNAL, "write_failed", "Cannot write config", target + ": " + e.getMessage());
        }
        output().writeStatus(report.json(target, doc.location()), report.text(target));
        return 0;
    }

    /** URLs as given; files relative to the config's directory, which is what relative refs resolve against. */
    private static String sourceUri(ApiDocument doc, Path target) {
        if (doc.remote()) return doc.location();
        return target.getParent().relativize(Path.of(doc.location())).toString();
    }
}
