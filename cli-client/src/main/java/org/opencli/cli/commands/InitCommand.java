package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.init.ApiDocument;
import org.opencli.cli.init.DocumentCheck;
import org.opencli.cli.init.SecretHint;
import org.opencli.cli.init.StarterConfig;
import org.opencli.cli.output.OutputWriter;
import org.opencli.core.json.Json;
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
        DocumentCheck.Result checked;
        try {
            Files.createDirectories(target.getParent());
            checked = DocumentCheck.run(config, serviceId, target.getParent());
            Files.writeString(target, OutputWriter.json(config) + "\n");
        } catch (IOException e) {
            throw new CliException(ExitCodes.INTERNAL, "write_failed", "Cannot write config", target + ": " + e.getMessage());
        }
        List<SecretHint> hints = checked.schemes().values().stream().map(r -> SecretHint.of(serviceId, r)).toList();
        output().writeStatus(result(target, serviceId, doc, checked, hints), text(target, serviceId, checked, hints));
        return 0;
    }

    private static ObjectNode result(Path target, String serviceId, ApiDocument doc, DocumentCheck.Result checked,
                                     List<SecretHint> hints) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("file", target.toString());
        result.put("serviceId", serviceId);
        result.put("source", doc.location());
        result.put("tools", checked.tools());
        ArrayNode schemes = result.putArray("authSchemes");
        checked.schemes().values().forEach(r -> schemes.add(Json.MAPPER.valueToTree(r)));
        ArrayNode secrets = result.putArray("secrets");
        hints.stream().filter(h -> h.secretType() != null).forEach(h -> secrets.addObject()
                .put("name", h.secretName()).put("type", h.secretType()).put("scheme", h.scheme()).put("command", h.command()));
        return result;
    }

    private static String text(Path target, String serviceId, DocumentCheck.Result checked, List<SecretHint> hints) {
        StringBuilder sb = new StringBuilder("wrote " + target + " (service '" + serviceId + "', " + checked.tools()
                + (checked.tools() == 1 ? " tool" : " tools") + "; try: ocli " + serviceId + " --help)");
        if (hints.isEmpty()) return sb.append("\nauth: none of its operations declares security").toString();
        sb.append("\nauth schemes its operations use:");
        hints.forEach(h -> sb.append("\n  ").append(h.scheme()).append(": ").append(h.description()));
        sb.append("\nsecrets they need (add them, then set the variables):");
        for (SecretHint h : hints) {
            sb.append("\n  ").append(h.secretName());
            if (h.command() == null) sb.append(": none this runtime can use");
            else sb.append(" (").append(h.secretType()).append("):\n    ").append(h.command());
        }
        return sb.toString();
    }

    /** URLs as given; files relative to the config's directory, which is what relative refs resolve against. */
    private static String sourceUri(ApiDocument doc, Path target) {
        if (doc.remote()) return doc.location();
        return target.getParent().relativize(Path.of(doc.location())).toString();
    }
}
