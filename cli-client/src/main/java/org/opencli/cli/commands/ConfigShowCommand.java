package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.config.CliConfig;
import org.opencli.core.config.LoadedConfig;
import picocli.CommandLine.Command;

/** {@code ocli config show}: the merged effective config with secret values redacted. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show the merged effective configuration (secrets redacted).")
public class ConfigShowCommand extends BaseCommand {

    @Override
    public Integer call() {
        LoadedConfig loaded = ProjectConfig.load(this);
        JsonNode redacted = redacted(loaded.config());
        // Nested config does not fit columns; the table format shows it as YAML.
        output().writeText(redacted, () -> org.opencli.cli.output.OutputWriter.yaml(redacted));
        return 0;
    }

    /**
     * {@code ConfigRedaction.redacted(CliConfig)} from the config work. Called by name until that
     * class lands on this branch; replace with a direct call after the merge.
     */
    static JsonNode redacted(CliConfig config) {
        try {
            Method redacted = Class.forName("org.opencli.core.config.ConfigRedaction").getMethod("redacted", CliConfig.class);
            return (JsonNode) redacted.invoke(null, config);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new CliException(ExitCodes.INTERNAL, "redaction_unavailable", "Config redaction unavailable",
                    "this build has no org.opencli.core.config.ConfigRedaction");
        }
    }
}
