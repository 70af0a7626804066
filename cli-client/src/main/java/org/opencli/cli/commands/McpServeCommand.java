package org.opencli.cli.commands;

import org.opencli.cli.mcp.StdioBridge;
import picocli.CommandLine.Command;

/**
 * {@code ocli mcp serve}: an MCP server on standard input and output for agents that spawn stdio
 * servers, over the runtime this ocli resolves (embedded, local daemon, remote with its sign-in).
 * The MCP classes load only here ({@link StdioBridge}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve this CLI's tools as an MCP server on standard input and output (JSON-RPC only on stdout).",
                "tools/list is the effective view of --mode/--agent-profile; tools/call runs like a tool command:",
                "policy, scopes, approval (argument \"_approve\": true) and audit apply."},
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo mcp serve", "  ocli --runtime https://oclird.example mcp serve"})
public class McpServeCommand extends BaseCommand {
    @Override
    public Integer call() throws InterruptedException {
        return StdioBridge.serve(session());
    }
}
