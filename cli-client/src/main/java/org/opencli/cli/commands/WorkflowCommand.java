package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "workflow", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli --demo workflow run browseAndOrder"},
        description = "Check or run the catalog's Arazzo workflows.",
        subcommands = WorkflowRunCommand.class)
public class WorkflowCommand extends GroupCommand {
}
