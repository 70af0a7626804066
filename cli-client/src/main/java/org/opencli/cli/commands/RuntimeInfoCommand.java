package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code ocli runtime info}: the runtime's {@code /v1/runtime/info} answer. */
@Command(name = "info", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli --demo runtime info --format yaml"},
        description = "Show the runtime's info (contract version, capabilities, instance, paths).")
public class RuntimeInfoCommand extends BaseCommand {

    @Override
    public Integer call() {
        JsonNode info = session().runtime().client().runtimeInfo();
        output().write(info, null);
        return 0;
    }
}
