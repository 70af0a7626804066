package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Check and show the configuration.",
        subcommands = {ConfigValidateCommand.class, ConfigShowCommand.class})
public class ConfigCommand extends GroupCommand {
}
