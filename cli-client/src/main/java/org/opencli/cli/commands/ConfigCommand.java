package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "config", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli config validate", "  ocli config show --format yaml"},
        description = "Check and show the configuration.",
        subcommands = {ConfigValidateCommand.class, ConfigShowCommand.class})
public class ConfigCommand extends GroupCommand {
}
