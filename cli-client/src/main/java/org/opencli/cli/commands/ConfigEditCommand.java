package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.config.ConfigFile;
import org.opencli.core.json.Json;

/**
 * Shared steps of the commands that edit the project config ({@code --config} or the discovered
 * {@code .cli.json}): open it, change it, save it only if {@code ocli config validate} would accept
 * the result (and {@link #verify} too), and say what changed.
 */
abstract class ConfigEditCommand extends BaseCommand {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** {@code change} edits the file's tree and returns the one-line summary of what it did. */
    Integer edit(Function<ConfigFile, String> change) {
        ConfigFile file = ConfigFile.open(ProjectConfig.path(this).toAbsolutePath(), ProjectConfig::load);
        file.requireWritable();
        String summary = change.apply(file);
        file.save(edited -> {
            ProjectConfig.load(edited);
            verify(edited.getParent());
        });
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("file", file.path().toString());
        result.put("changed", summary);
        output().writeStatus(result, summary + " in " + file.path());
        return 0;
    }

    /** A further check of the valid result before it replaces the file, in the config's directory. */
    void verify(Path configDir) {
    }

    /** Names become JSON keys and command words: letters, digits, '_', '.', '-' (control characters shown as '?'). */
    static void requireName(String option, String name) {
        if (name != null && NAME.matcher(name).matches()) return;
        String shown = name == null ? "" : name.replaceAll("\\p{Cc}", "?");
        throw new CliException(ExitCodes.USAGE, "invalid_name", "Invalid name",
                option + " '" + shown + "' must start with a letter or digit and use only letters, digits, '_', '.' and '-'");
    }
}
