package org.opencli.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "mcp", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli mcp serve", "  ocli --agent-profile support mcp serve"},
        description = "Serve the governed tools to MCP clients.",
        subcommands = {McpServeCommand.class})
public class McpCommand extends GroupCommand {
}
