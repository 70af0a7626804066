package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.runtime.RuntimeChoice;
import org.opencli.core.error.ProblemItem;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;

/**
 * {@code ocli config validate}: loads and merges every scope strictly. Invalid configs fail with
 * exit 2 and one {@code file: $.path: message (expected: ...)} line per problem on stderr. A client
 * config (only {@code runtime} and the mode/agents choices) is valid when it leads to a runtime URL
 * (its own, {@code --runtime} or {@code OCLI_RUNTIME_URL}); the answer names that URL.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli config validate --config ./.cli.json"},
        description = "Validate the merged configuration.")
public class ConfigValidateCommand extends BaseCommand {

    @Override
    public Integer call() {
        ProjectConfig.Loaded loaded = ProjectConfig.load(this);
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("valid", true);
        result.put("kind", loaded.client() ? "client" : "project");
        loaded.config().files().forEach(f -> result.withArray("files").add(f.toString()));
        String files = loaded.config().files().stream().map(Path::toString).collect(Collectors.joining(", "));
        if (!loaded.client()) {
            output().writeStatus(result, "valid: " + files);
            return 0;
        }
        String url = runtimeUrl();
        result.put("runtimeUrl", url);
        output().writeStatus(result, "valid: client config for runtime URL " + url + " (" + files + ")");
        return 0;
    }

    /** The URL this client config leads to, as runtime resolution would pick it (no registry: a client config names no local daemon). */
    private String runtimeUrl() {
        Path config = ProjectConfig.path(this);
        RuntimeChoice choice = session().resolver().choose(session().options(), config, Optional::empty);
        if (choice.embedded()) {
            throw new CliException(ExitCodes.USAGE, "invalid_config", "Invalid configuration",
                    "a client config needs a runtime URL and none was found",
                    List.of(new ProblemItem(config.toString(), "$.runtime.remote.url", "no runtime URL",
                            "runtime.mode \"remote\" with runtime.remote.url, or --runtime URL, or OCLI_RUNTIME_URL")));
        }
        return choice.url();
    }
}
