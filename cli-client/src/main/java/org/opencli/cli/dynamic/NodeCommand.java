package org.opencli.cli.dynamic;

import picocli.CommandLine;

/** A service or group level of the dynamic tree: it only routes, so invoking it alone is a usage error. */
final class NodeCommand implements Runnable {
    private CommandLine commandLine;

    void bind(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(commandLine,
                "Missing command: choose one of " + String.join(", ", commandLine.getSubcommands().keySet()));
    }
}
