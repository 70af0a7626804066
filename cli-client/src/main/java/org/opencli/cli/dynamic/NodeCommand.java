package org.opencli.cli.dynamic;

import org.opencli.cli.UsageErrors;
import picocli.CommandLine;

/** A service or group level of the dynamic tree: it only routes, so invoking it alone is a usage error. */
final class NodeCommand implements Runnable {
    private CommandLine commandLine;

    void bind(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    @Override
    public void run() {
        throw UsageErrors.missingCommand(commandLine);
    }
}
