package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "runtime", mixinStandardHelpOptions = true, description = "Inspect the runtime this CLI talks to.",
        subcommands = RuntimeInfoCommand.class)
public class RuntimeCommand extends GroupCommand {
}
