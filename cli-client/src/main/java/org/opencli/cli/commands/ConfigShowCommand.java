package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencli.cli.output.OutputWriter;
import org.opencli.core.config.ConfigRedaction;
import org.opencli.core.config.LoadedConfig;
import picocli.CommandLine.Command;

/** {@code ocli config show}: the merged effective config with secret values redacted. */
@Command(name = "show", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli config show --format yaml"},
        description = "Show the merged effective configuration (secrets redacted).")
public class ConfigShowCommand extends BaseCommand {

    @Override
    public Integer call() {
        LoadedConfig loaded = ProjectConfig.load(this).config();
        JsonNode redacted = ConfigRedaction.redacted(loaded.config());
        // Nested config does not fit columns; the table format shows it as YAML.
        output().writeText(redacted, () -> OutputWriter.yaml(redacted));
        return 0;
    }
}
