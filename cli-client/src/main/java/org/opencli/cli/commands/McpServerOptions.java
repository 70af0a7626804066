package org.opencli.cli.commands;

import java.util.List;
import java.util.Map;
import org.opencli.cli.init.McpServerSpec;
import picocli.CommandLine.Option;

/** The options that describe an MCP server to {@code ocli init --type mcp}: its transport and how to reach it. */
public class McpServerOptions {
    @Option(names = "--transport", paramLabel = "TRANSPORT", completionCandidates = Transports.class,
            description = "With --type mcp: stdio, streamable-http or sse.")
    String transport;

    @Option(names = "--command", paramLabel = "PROGRAM", description = "stdio: the program that starts the MCP server.")
    String command;

    @Option(names = "--args", paramLabel = "ARG", arity = "1..*",
            description = "stdio: the program's arguments, in order (repeatable; takes words up to the next ocli option).")
    List<String> args;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "stdio: an environment variable for the server (repeatable).")
    Map<String, String> env;

    @Option(names = "--url", paramLabel = "URL", description = "streamable-http, sse: the MCP server's endpoint.")
    String url;

    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "streamable-http, sse: a header sent as written (repeatable).")
    Map<String, String> headers;

    @Option(names = "--header-secret", paramLabel = "NAME=SECRET",
            description = "streamable-http, sse: a header whose value is the named secret (repeatable).")
    Map<String, String> headerSecrets;

    /** Whether any of these options was given (they apply to --type mcp only). */
    boolean any() {
        return transport != null || command != null || args != null || env != null || url != null || headers != null
                || headerSecrets != null;
    }

    McpServerSpec spec() {
        return new McpServerSpec(transport, command, args, env, url, headers, headerSecrets).checked();
    }

    /** Shell completion and help list the transports. */
    static final class Transports implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return McpServerSpec.TRANSPORTS.iterator();
        }
    }
}
