package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "tool", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli --demo tool schema shop:getItem"},
        description = "Inspect single tools.",
        subcommands = ToolSchemaCommand.class)
public class ToolCommand extends GroupCommand {
}
