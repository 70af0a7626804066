package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.opencli.cli.config.ConfigFile;
import org.opencli.core.json.Json;

/**
 * Shared steps of the commands that edit the project config ({@code --config} or the discovered
 * {@code .cli.json}): open it, change it, save it only if {@code ocli config validate} would accept
 * the result, and say what changed.
 */
abstract class ConfigEditCommand extends BaseCommand {

    /** {@code change} edits the file's tree and returns the one-line summary of what it did. */
    Integer edit(Function<ConfigFile, String> change) {
        ConfigFile file = ConfigFile.open(ProjectConfig.path(this).toAbsolutePath(), ProjectConfig::load);
        String summary = change.apply(file);
        file.save(ProjectConfig::load);
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("file", file.path().toString());
        result.put("changed", summary);
        output().writeStatus(result, summary + " in " + file.path());
        return 0;
    }
}
