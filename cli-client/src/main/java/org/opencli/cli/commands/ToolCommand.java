package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "tool", mixinStandardHelpOptions = true, description = "Inspect single tools.",
        subcommands = ToolSchemaCommand.class)
public class ToolCommand extends GroupCommand {
}
