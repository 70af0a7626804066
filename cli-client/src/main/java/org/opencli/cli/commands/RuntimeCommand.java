package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "runtime", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo runtime info", "  ocli runtime stop"},
        description = "Inspect, stop or leave the runtime this CLI talks to.",
        subcommands = {RuntimeInfoCommand.class, RuntimeStopCommand.class, RuntimeSessionCloseCommand.class})
public class RuntimeCommand extends GroupCommand {
}
