package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "workflow", mixinStandardHelpOptions = true, description = "Check or run the catalog's Arazzo workflows.",
        subcommands = WorkflowRunCommand.class)
public class WorkflowCommand extends GroupCommand {
}
