package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "config", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli config validate", "  ocli config show --format yaml",
                "  ocli config add-source tickets --type openapi --uri ./tickets.yaml"},
        description = "Check, show and edit the configuration.",
        subcommands = {ConfigValidateCommand.class, ConfigShowCommand.class, ConfigAddSourceCommand.class,
                ConfigRemoveSourceCommand.class, ConfigAddSecretCommand.class})
public class ConfigCommand extends GroupCommand {
}
