package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "runtime", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli --demo runtime info"},
        description = "Inspect the runtime this CLI talks to.",
        subcommands = RuntimeInfoCommand.class)
public class RuntimeCommand extends GroupCommand {
}
