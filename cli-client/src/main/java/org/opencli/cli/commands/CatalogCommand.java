package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "catalog", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli --demo catalog list"},
        description = "Inspect the effective tool catalog.",
        subcommands = CatalogListCommand.class)
public class CatalogCommand extends GroupCommand {
}
