package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;

/**
 * {@code ocli config validate}: loads and merges every scope strictly. Invalid configs fail with
 * exit 2 and one {@code file: $.path: message (expected: ...)} line per problem on stderr.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Validate the merged configuration.")
public class ConfigValidateCommand extends BaseCommand {

    @Override
    public Integer call() {
        LoadedConfig loaded = ProjectConfig.load(this);
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("valid", true);
        loaded.files().forEach(f -> result.withArray("files").add(f.toString()));
        String files = loaded.files().stream().map(Path::toString).collect(Collectors.joining(", "));
        output().writeStatus(result, "valid: " + files);
        return 0;
    }
}
